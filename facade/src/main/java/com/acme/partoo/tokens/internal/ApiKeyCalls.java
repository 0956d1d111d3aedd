package com.acme.partoo.tokens.internal;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Puts the API key on requests without exposing it to anyone else's interceptors. The call factory resolves and checks
 * the key once per attempt (from the supplier, so rotation works) and attaches it to the request as a tag whose
 * {@code toString} is masked; the last network interceptor turns the tag into the {@code x-APIKey} header just before
 * the request is written, so logging interceptors of a shared OkHttpClient never see it.
 */
final class ApiKeyCalls implements Call.Factory {

  static final String HEADER = "x-APIKey";

  private final OkHttpClient client;
  private final Supplier<@Nullable String> apiKey;

  ApiKeyCalls(OkHttpClient client, Supplier<@Nullable String> apiKey) {
    this.client = client;
    this.apiKey = apiKey;
  }

  /** @throws ApiKeyUnavailableException when the supplier fails or gives a key that cannot be sent */
  @Override
  public Call newCall(Request request) {
    String key;
    try {
      key = apiKey.get();
    } catch (RuntimeException e) {
      // The supplier's own message could quote the key: name only its type.
      throw new ApiKeyUnavailableException("the API key supplier threw " + e.getClass().getName());
    }
    String problem = Secrets.apiKeyProblem(key);
    if (problem != null) {
      throw new ApiKeyUnavailableException("the API key cannot be sent: " + problem);
    }
    return client.newCall(request.newBuilder().tag(ApiKey.class, new ApiKey(key)).build());
  }

  /** The key as a request tag; masked wherever a request is printed. */
  record ApiKey(String value) {
    @Override
    public String toString() {
      return "ApiKey[****]";
    }
  }

  /** The last network interceptor: adds the key and the User-Agent to the request about to be written. */
  static final class HeaderInterceptor implements Interceptor {
    private final String userAgent;

    HeaderInterceptor(String userAgent) {
      this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      ApiKey key = request.tag(ApiKey.class);
      Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
      if (key != null) {
        builder.header(HEADER, key.value());
      }
      return chain.proceed(builder.build());
    }
  }
}
