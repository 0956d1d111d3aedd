package com.acme.partoo.mock;

import com.acme.partoo.mock.internal.TunnelProxy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Objects;

/**
 * An egress proxy on 127.0.0.1 for tests of a client's proxy settings: it answers {@code CONNECT host:port} by opening
 * a TCP tunnel (to that address, or to the one given by {@link #tunnelTo}), optionally after checking
 * {@code Proxy-Authorization: Basic} credentials, which can be changed at any time to test a rotated password. Only
 * {@code CONNECT} is served (HTTPS through a proxy); anything else is answered 501. Thread-safe; {@link #close()} stops
 * it and cuts every tunnel. It never logs, nor shows in {@code toString}, a credential it receives or checks.
 *
 * <pre>{@code
 * try (FakePartoo partoo = FakePartoo.builder().defaultFixture().https().start();
 *      FakeProxy proxy = FakeProxy.start()) {
 *   proxy.requireCredentials("svc", "s3cret");
 *   // a client with proxy(proxy.proxy()) and those credentials reaches partoo.baseUrl() through the proxy
 * }
 * }</pre>
 */
public final class FakeProxy implements AutoCloseable {

  private final TunnelProxy proxy;

  private FakeProxy(TunnelProxy proxy) {
    this.proxy = proxy;
  }

  /** Starts a proxy on a free port of 127.0.0.1 that lets every {@code CONNECT} through. */
  public static FakeProxy start() {
    return new FakeProxy(TunnelProxy.start());
  }

  /** The proxy as {@link java.net.Proxy} ({@code HTTP}, 127.0.0.1 and its port), for a client's settings. */
  public Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, address());
  }

  /** The address the proxy listens on. */
  public InetSocketAddress address() {
    return new InetSocketAddress(TunnelProxy.HOST, proxy.port());
  }

  /**
   * From now on, a {@code CONNECT} without {@code Proxy-Authorization: Basic} for exactly these credentials is answered
   * {@code 407 Proxy Authentication Required} (with {@code Proxy-Authenticate: Basic realm="fake-proxy"}); a tunnel
   * already open stays open. Call it again to rotate the password.
   */
  public FakeProxy requireCredentials(String user, String password) {
    proxy.requireCredentials(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
    return this;
  }

  /** From now on every {@code CONNECT} is let through without credentials (the default). */
  public FakeProxy acceptAnyone() {
    proxy.acceptAnyone();
    return this;
  }

  /**
   * From now on every {@code CONNECT} is answered {@code status} (400 to 599, say 403 for a destination the proxy's
   * policy forbids), before any credential check; {@code 0} turns it off.
   *
   * @throws IllegalArgumentException if {@code status} is neither 0 nor from 400 to 599
   */
  public FakeProxy refuseWith(int status) {
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 or from 400 to 599, got " + status);
    }
    proxy.refuseWith(status);
    return this;
  }

  /**
   * Tunnels lead to {@code target} whatever host the {@code CONNECT} names, as a proxy whose DNS resolves a name the
   * test machine cannot (a client may then ask for {@code https://partoo.test:PORT}); null restores the default, the
   * address the {@code CONNECT} names.
   */
  public FakeProxy tunnelTo(InetSocketAddress target) {
    proxy.tunnelTo(target);
    return this;
  }

  /** {@code CONNECT} requests received so far, answered or not. */
  public int connectRequests() {
    return proxy.connectRequests();
  }

  /** {@code CONNECT} requests that carried a {@code Proxy-Authorization} header. */
  public int connectRequestsWithCredentials() {
    return proxy.connectRequestsWithCredentials();
  }

  /** Tunnels opened so far ({@code CONNECT} answered 200). */
  public int tunnels() {
    return proxy.tunnels();
  }

  /** The host and port each {@code CONNECT} asked for, oldest first (never a credential). */
  public java.util.List<String> requestedAuthorities() {
    return proxy.requestedAuthorities();
  }

  /** Stops listening and cuts every tunnel; idempotent. */
  @Override
  public void close() {
    proxy.close();
  }

  /** Where it listens; never a credential. */
  @Override
  public String toString() {
    return "FakeProxy[" + TunnelProxy.HOST + ":" + proxy.port() + "]";
  }
}
