package com.acme.partoo.tokens.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import org.jspecify.annotations.Nullable;

/**
 * Tells each {@link Attempt} whether OkHttp opened a connection for it or reused one from the pool: a call that
 * acquires a connection without having started to connect got a pooled one (OkHttp's connection objects do not say it
 * themselves). Stateless: the attempt is the call's tag, so one instance serves every call.
 */
final class ConnectionEvents extends EventListener {

  private static final ConnectionEvents INSTANCE = new ConnectionEvents();

  private ConnectionEvents() {}

  /** For a client of our own. */
  static EventListener.Factory factory() {
    return call -> INSTANCE;
  }

  /** For a caller's shared client: ours first, then the listener its own factory makes, which hears every event. */
  static EventListener.Factory around(EventListener.Factory theirs) {
    return call -> {
      EventListener their = theirs.create(call);
      return their == EventListener.NONE ? INSTANCE : INSTANCE.plus(their);
    };
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    Attempt attempt = attemptOf(call);
    if (attempt != null) {
      attempt.connecting(Proxies.describe(proxy));
    }
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    Attempt attempt = attemptOf(call);
    if (attempt != null) {
      attempt.connectionAcquired();
    }
  }

  private static @Nullable Attempt attemptOf(Call call) {
    return call.tag(Attempt.class);
  }
}
