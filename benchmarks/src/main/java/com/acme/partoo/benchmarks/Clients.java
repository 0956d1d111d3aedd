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
import okhttp3.tls.HandshakeCertificates;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The four ways to get a token, each set up once per trial and shared by all benchmark threads, as a service shares
 * one client. All talk to {@link CannedTokenServer#shared()} (or, built with an {@link Transport.Endpoint}, to that
 * endpoint, trusting what it says) with the same OkHttp settings as the facade's own client (pool, dispatcher, timeouts
 * including the call timeout, no silent retries or redirects) and the facade's Jackson settings; each call is a full
 * request, response and parse into the same {@link ConnectionToken} value.
 */
@State(Scope.Benchmark)
public class Clients {

  /** The key every client sends (as {@code x-APIKey}). */
  public static final String API_KEY = "bench-api-key-6f1c0e9b2d7a4c58";
  /** The user every token is asked for. */
  public static final String USER_ID = "bench-user-42";
  /** How long any client may take for a call, where it has such a bound: the facade's default deadline. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);
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
  // get the same call timeout (DEADLINE): which timeouts a call arms decides how often Okio's watchdog thread is woken
  // (see docs/performance.md, "Why one-thread latency is bimodal"), so a baseline without it would measure that, not
  // code.

  private final Transport.@Nullable Endpoint endpoint;
  private OkHttpClient rawHttp;
  private ObjectWriter requestWriter;
  private ObjectReader responseReader;
  private HttpUrl generateUrl;

  private OkHttpClient retrofitHttp;
  private PartooApi generated;

  private PartooClient facade;
  private ConnectionTokens tokens;

  /** Clients of the shared cleartext server, as JMH makes them. */
  public Clients() {
    this.endpoint = null;
  }

  /** Clients of {@code endpoint}, trusting what it says (a transport run). */
  Clients(Transport.Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Builds the clients against the shared server, or the endpoint given. */
  @Setup(Level.Trial)
  public void setUp() {
    String baseUrl = endpoint == null ? CannedTokenServer.shared().baseUrl() : endpoint.baseUrl();
    HandshakeCertificates trust = endpoint == null ? null : endpoint.trust();
    ObjectMapper json = PartooJson.create();

    rawHttp = okHttp(trust).build();
    requestWriter = json.writerFor(GenerateConnectionTokenRequest.class);
    responseReader = json.readerFor(GenerateConnectionTokenResponse.class);
    generateUrl = HttpUrl.get(baseUrl + "/connection/generate_token");

    // The generated interface, bare: a key header and the converter, nothing else.
    retrofitHttp = okHttp(trust)
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

    facade = trusting(PartooClient.builder().apiKey(API_KEY).baseUrl(baseUrl), trust).build();
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

  /**
   * The facade trusting {@code trust} (nothing to do in cleartext), its own OkHttp client otherwise untouched: never
   * through {@code okHttpClient(...)}, whose shared client would bring OkHttp's default dispatcher (5 calls per host)
   * and distort the 16-thread runs. The one place the facade's trust is set.
   */
  static PartooClient.Builder trusting(PartooClient.Builder builder, @Nullable HandshakeCertificates trust) {
    return trust == null ? builder : builder.sslContext(trust.sslContext(), trust.trustManager());
  }

  private static OkHttpClient.Builder okHttp(@Nullable HandshakeCertificates trust) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_ASYNC_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_ASYNC_CALLS);
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (trust != null) {
      builder.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    return builder
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
      // Read to the end before parsing, as the facade does: a body closed where the parser stops costs its HTTP/2
      // stream a reset (and a chunked HTTP/1.1 answer its connection), which would make this baseline slower than
      // careful code is.
      responseBody.source().request(Long.MAX_VALUE);
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
