package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.Sleeper;
import java.time.Clock;
import java.time.Duration;
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
    Clock clock,
    Sleeper sleeper) {

  /** The current key for redaction only; never throws. */
  @Nullable String apiKeyForRedaction() {
    try {
      return apiKey.get();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
