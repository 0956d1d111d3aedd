package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.Ticker;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A client's validated configuration, as the public builder hands it over.
 *
 * @param baseUrl the API base URL, ending with '/'
 * @param appBaseUrl the web app base URL, ending with '/'
 * @param apiKey the key supplier, called once per attempt
 * @param okHttpClient a caller's client to share connections and threads with, or null for a client of our own
 * @param userAgent the full User-Agent header value
 * @param ticker deadlines, backoff and waits are measured on it
 * @param clock the wall clock, only for {@code Retry-After} dates
 * @param scheduler a caller's scheduler for waits, or null for one of our own
 * @param outagePolicy when to stop sending while Partoo looks down
 * @param listeners who hears what the client does, in order
 * @param maxConcurrentCalls how many requests of this client may be on the wire at once, blocking and async together
 * @param maxIdleConnections idle connections our own pool keeps (unused with a caller's client)
 * @param idleConnectionTimeout how long our own pool keeps an idle connection (unused with a caller's client)
 * @param trust what TLS connections trust, or null for the JVM's default (or a caller's client's own)
 * @param proxy an explicit proxy, or null for the JVM's {@code ProxySelector} (or a caller's client's own)
 * @param proxyCredentials read each time a proxy tunnel is opened, or null for none
 */
public record ClientConfig(
    String baseUrl,
    String appBaseUrl,
    Supplier<@Nullable String> apiKey,
    Duration connectTimeout,
    Duration readTimeout,
    Duration deadline,
    RetryPolicy retryPolicy,
    @Nullable OkHttpClient okHttpClient,
    String userAgent,
    Ticker ticker,
    Clock clock,
    @Nullable ScheduledExecutorService scheduler,
    OutagePolicy outagePolicy,
    List<PartooListener> listeners,
    int maxConcurrentCalls,
    int maxIdleConnections,
    Duration idleConnectionTimeout,
    @Nullable TrustMaterial trust,
    @Nullable Proxy proxy,
    @Nullable Supplier<@Nullable PasswordAuthentication> proxyCredentials) {

  /** Copies the listeners. */
  public ClientConfig {
    listeners = List.copyOf(listeners);
  }
}
