package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * OkHttp and Retrofit set up for Partoo: no silent retries or redirects (the facade's policy is the only retry, and
 * the key never follows a redirect), timeouts from the configuration, the key added last. Closing releases threads
 * and connections only when the OkHttpClient is ours, not a caller's shared one.
 */
final class Transport implements AutoCloseable {

  // Page renders run many calls at once; OkHttp's default of 5 concurrent async calls per host would queue them.
  private static final int MAX_ASYNC_CALLS = 64;
  private static final int MAX_IDLE_CONNECTIONS = 16;
  private static final long KEEP_ALIVE_MINUTES = 5;

  private final OkHttpClient okHttp;
  private final boolean owned;
  private final Retrofit retrofit;

  Transport(ClientConfig config, ObjectMapper json) {
    this.owned = config.okHttpClient() == null;
    OkHttpClient.Builder builder = owned ? ownClient() : config.okHttpClient().newBuilder();
    this.okHttp = builder
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .callTimeout(config.deadline())
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .addNetworkInterceptor(new ApiKeyCalls.HeaderInterceptor(config.userAgent()))
        .build();
    this.retrofit = new Retrofit.Builder()
        .baseUrl(config.baseUrl())
        .callFactory(new ApiKeyCalls(okHttp, config.apiKey()))
        .addConverterFactory(JacksonConverterFactory.create(json))
        .build();
  }

  private static OkHttpClient.Builder ownClient() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_ASYNC_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_ASYNC_CALLS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, KEEP_ALIVE_MINUTES, TimeUnit.MINUTES));
  }

  Retrofit retrofit() {
    return retrofit;
  }

  @Override
  public void close() {
    if (owned) {
      okHttp.dispatcher().cancelAll();
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }
}
