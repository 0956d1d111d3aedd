package com.acme.partoo.benchmarks;

import com.acme.partoo.generated.api.PartooApi;
import com.acme.partoo.generated.model.GenerateConnectionTokenRequest;
import com.acme.partoo.generated.model.GenerateConnectionTokenResponse;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.internal.PartooJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The four ways to get a token, each set up once per trial and shared by all benchmark threads, as a service shares
 * one client. All talk to {@link CannedTokenServer#shared()} with the same OkHttp settings as the facade's own client
 * (pool, dispatcher, timeouts including the call timeout, no silent retries or redirects) and the facade's Jackson settings; each call is a full
 * request, response and parse into the same {@link ConnectionToken} value.
 */
@State(Scope.Benchmark)
public class Clients {

  static final String API_KEY = "bench-api-key-6f1c0e9b2d7a4c58";
  static final String USER_ID = "bench-user-42";
  private static final String USER_AGENT = "partoo-benchmarks/1 (Java " + System.getProperty("java.version") + ")";
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  // As the facade's own client by default: a dispatcher backstop at twice maxConcurrentCalls (64), as many idle
  // connections as calls in flight, kept 30 seconds.
  private static final int MAX_ASYNC_CALLS = 128;
  private static final int MAX_IDLE_CONNECTIONS = 64;
  private static final long IDLE_CONNECTION_SECONDS = 30;
  // As the facade's defaults.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  // The facade bounds every attempt by the time left before its deadline (an Okio AsyncTimeout per call). The baselines
  // get the same call timeout: which timeouts a call arms decides how often Okio's watchdog thread is woken (see
  // docs/performance.md, "Why one-thread latency is bimodal"), so a baseline without it would measure that, not code.
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private OkHttpClient rawHttp;
  private ObjectWriter requestWriter;
  private ObjectReader responseReader;
  private HttpUrl generateUrl;

  private OkHttpClient retrofitHttp;
  private PartooApi generated;

  private PartooClient facade;
  private ConnectionTokens tokens;

  /** Builds the clients against the shared server. */
  @Setup(Level.Trial)
  public void setUp() {
    String baseUrl = CannedTokenServer.shared().baseUrl();
    ObjectMapper json = PartooJson.create();

    rawHttp = okHttp().build();
    requestWriter = json.writerFor(GenerateConnectionTokenRequest.class);
    responseReader = json.readerFor(GenerateConnectionTokenResponse.class);
    generateUrl = HttpUrl.get(baseUrl + "/connection/generate_token");

    // The generated interface, bare: a key header and the converter, nothing else.
    retrofitHttp = okHttp()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("x-APIKey", API_KEY)
            .header("User-Agent", USER_AGENT)
            .build()))
        .build();
    generated = new Retrofit.Builder()
        .baseUrl(baseUrl + "/")
        .client(retrofitHttp)
        .addConverterFactory(JacksonConverterFactory.create(json))
        .build()
        .create(PartooApi.class);

    facade = PartooClient.builder().apiKey(API_KEY).baseUrl(baseUrl).build();
    tokens = facade.connectionTokens();
  }

  /** Releases threads and connections. */
  @TearDown(Level.Trial)
  public void tearDown() {
    facade.close();
    for (OkHttpClient client : new OkHttpClient[] {rawHttp, retrofitHttp}) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static OkHttpClient.Builder okHttp() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_ASYNC_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_ASYNC_CALLS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, IDLE_CONNECTION_SECONDS, TimeUnit.SECONDS))
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .callTimeout(DEADLINE)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false);
  }

  /** The floor: a hand-built OkHttp request, Jackson writing and reading the generated models. */
  ConnectionToken rawOkHttp() throws IOException {
    byte[] body = requestWriter.writeValueAsBytes(new GenerateConnectionTokenRequest().userId(USER_ID).ttl(null));
    Request request = new Request.Builder()
        .url(generateUrl)
        .header("x-APIKey", API_KEY)
        .header("User-Agent", USER_AGENT)
        .post(RequestBody.create(body, JSON))
        .build();
    try (Response response = rawHttp.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      return toToken(responseReader.readValue(responseBody.byteStream()));
    }
  }

  /** The generated Retrofit interface with nothing around it. */
  ConnectionToken generatedRetrofit() throws IOException {
    retrofit2.Response<GenerateConnectionTokenResponse> response =
        generated.generateConnectionToken(new GenerateConnectionTokenRequest().userId(USER_ID).ttl(null)).execute();
    if (!response.isSuccessful() || response.body() == null) {
      throw new IOException("HTTP " + response.code());
    }
    return toToken(response.body());
  }

  /** The facade, blocking. */
  ConnectionToken facadeSync() {
    return tokens.generate(USER_ID);
  }

  /** The facade's future, joined: completion happens on an OkHttp dispatcher thread. */
  ConnectionToken facadeAsync() {
    return tokens.generateAsync(USER_ID).join();
  }

  private static ConnectionToken toToken(GenerateConnectionTokenResponse body) {
    return new ConnectionToken(body.getToken(), body.getExpirationDate().toInstant(), ConnectionTokens.DEFAULT_TTL);
  }
}
