package com.acme.partoo.tokens.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * How a proxy is named in messages and {@code PartooClient.toString()}: {@code host:port}, the name it was given rather
 * than a resolved address.
 */
public final class Proxies {

  private Proxies() {}

  /** {@code host:port} of an HTTP proxy; null for a direct connection. */
  public static @Nullable String describe(@Nullable Proxy proxy) {
    if (proxy == null || proxy.type() == Proxy.Type.DIRECT) {
      return null;
    }
    SocketAddress address = proxy.address();
    if (address instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
