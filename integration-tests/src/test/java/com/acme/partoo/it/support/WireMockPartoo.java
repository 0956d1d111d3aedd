package com.acme.partoo.it.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.RetryPolicy;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Partoo for one test class: WireMock on 127.0.0.1 and a free port, every exchange held to the OpenAPI spec
 * ({@link SpecContract}), and clients pre-configured for it (test API key, {@link FakeTime}, short timeouts, the
 * trust of the {@link Transport}). Register it as a {@code static} {@code @RegisterExtension} field. It serves
 * cleartext HTTP/1.1 unless told another {@link Transport} by {@link #over}: a class run in every transport calls it
 * from a {@code @BeforeParameterizedClassInvocation} method.
 *
 * <p>After each test it closes the clients the test built, waits until every served exchange has been checked against
 * the spec, and fails the test on any violation it did not {@linkplain #expectSpecViolation declare}. A test that
 * stubs something the spec forbids on purpose (a malformed body, a status value Partoo may add later) declares which
 * violation it expects; the test then fails if that violation is <em>not</em> reported, so the detection is proven too.
 */
public final class WireMockPartoo implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {

  // A bound, not a wait: validation normally keeps up within milliseconds; a loaded CI machine may need seconds.
  private static final Duration ALL_CHECKED_WITHIN = Duration.ofSeconds(60);
  private static final AtomicInteger SCENARIOS = new AtomicInteger();

  private final ConnectionCounter connections = new ConnectionCounter();
  private final List<PartooClient> clients = new CopyOnWriteArrayList<>();
  private final List<OkHttpClient> okHttpClients = new CopyOnWriteArrayList<>();
  private final List<String> expectedViolations = new CopyOnWriteArrayList<>();
  private final List<String> serverNotes = new CopyOnWriteArrayList<>();
  private ContractListener contract;
  private WireMockServer server;
  private Transport transport = Transport.CLEARTEXT_HTTP1;
  private FakeTime time = new FakeTime();

  @Override
  public void beforeAll(ExtensionContext context) {
    contract = new ContractListener(SpecContract.load());
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.stop();
    }
  }

  /** Serves {@code transport} from now on (the server is restarted, on another port, if it served another one). */
  public void over(Transport transport) {
    if (transport != this.transport) {
      server.stop();
      this.transport = transport;
      start();
    }
  }

  /** The transport served. */
  public Transport transport() {
    return transport;
  }

  private void start() {
    WireMockConfiguration config = wireMockConfig()
        .bindAddress("127.0.0.1")
        // The concurrency tests hold up to 64 connections busy at once. WireMock serves each request on a blocking
        // Jetty thread, and with fewer threads Jetty starved (requests went unanswered past a 10 s read timeout).
        .containerThreads(200)
        .jettyAcceptors(1)
        .notifier(new CollectingNotifier())
        .networkTrafficListener(connections)
        .extensions(contract);
    if (transport.tls()) {
      config.httpDisabled(true)
          .dynamicHttpsPort()
          .keystoreType("PKCS12")
          .keystorePath(TestTls.serverKeyStore().toString())
          .keystorePassword(TestTls.KEY_STORE_PASSWORD)
          .keyManagerPassword(TestTls.KEY_STORE_PASSWORD)
          .http2TlsDisabled(transport == Transport.TLS_HTTP1);
    } else {
      config.dynamicPort();
    }
    server = new WireMockServer(config);
    server.start();
    warmUp();
  }

  /**
   * Serves one exchange before the first test: a fresh server takes a few hundred milliseconds to answer its first
   * request (class loading, lazy initialisation), which a test with a 200 ms read timeout would mistake for a
   * timeout of its own. Also checks that the server speaks the transport's protocol (HTTP/2 only through ALPN).
   */
  private void warmUp() {
    server.stubFor(Stubs.generate().willReturn(Stubs.tokenIssued("warm-up")));
    OkHttpClient okHttp = trusting(new OkHttpClient.Builder()).build();
    Request request = new Request.Builder()
        .url(baseUrl() + "/connection/generate_token")
        .header("x-APIKey", TestSecrets.API_KEY)
        .post(RequestBody.create("{\"user_id\": \"warm-up\"}", MediaType.get("application/json")))
        .build();
    try (Response response = okHttp.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IllegalStateException("WireMock did not answer the warm-up request: HTTP " + response.code());
      }
      Protocol expected = transport == Transport.TLS_HTTP2 ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
      if (response.protocol() != expected) {
        throw new IllegalStateException("WireMock served " + response.protocol() + " over " + transport);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("WireMock did not answer the warm-up request", e);
    } finally {
      shutDown(okHttp);
    }
    awaitAllChecked();
    server.resetAll();
    contract.reset();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
    contract.reset();
    connections.reset();
    expectedViolations.clear();
    serverNotes.clear();
    time.close();
    time = new FakeTime();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(PartooClient::close);
    clients.clear();
    time.close();
    okHttpClients.forEach(WireMockPartoo::shutDown);
    okHttpClients.clear();
    if (context.getExecutionException().isEmpty()) {
      verifyContract();
    }
  }

  /** The server, for stubbing and verifying with WireMock's own API. */
  public WireMockServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:<port>/v2} (https over TLS): the base path of Partoo's servers, without trailing slash. */
  public String baseUrl() {
    return transport.tls()
        ? "https://127.0.0.1:" + server.httpsPort() + SpecContract.BASE_PATH
        : "http://127.0.0.1:" + server.port() + SpecContract.BASE_PATH;
  }

  /** {@code builder} trusting the test CA when the transport is TLS: for an OkHttpClient a test shares or uses. */
  public OkHttpClient.Builder trusting(OkHttpClient.Builder builder) {
    if (transport.tls()) {
      HandshakeCertificates trust = TestTls.trustingTheCa();
      builder.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    return builder;
  }

  /** This test's fake time (ticker, clock and scheduler), already set on every {@link #clientBuilder()}. */
  public FakeTime time() {
    return time;
  }

  /** Connections clients opened to the server during this test. */
  public ConnectionCounter connections() {
    return connections;
  }

  /**
   * A builder pointing at this server with the test key, this test's {@link FakeTime}, the default retry policy,
   * over TLS the trust of the test CA, and real-time timeouts that a busy machine's answers always beat, yet short
   * enough that a hanging test fails in seconds. A test that needs a timeout to fire sets its own, far from the
   * server's delay.
   */
  public PartooClient.Builder clientBuilder() {
    PartooClient.Builder builder = PartooClient.builder();
    if (transport.tls()) {
      builder.trustedCertificates(TestTls.caPem());
    }
    return builder
        .apiKey(TestSecrets.API_KEY)
        .baseUrl(baseUrl())
        .appBaseUrl("https://app.partoo.test/app")
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .deadline(Duration.ofSeconds(10))
        .retryPolicy(RetryPolicy.defaults())
        .ticker(time)
        .clock(time)
        .scheduler(time.scheduler());
  }

  /** A client from {@link #clientBuilder()}; closed after the test. */
  public PartooClient client() {
    return build(clientBuilder());
  }

  /** Builds {@code builder}; the client is closed after the test. */
  public PartooClient build(PartooClient.Builder builder) {
    PartooClient client = builder.build();
    clients.add(client);
    return client;
  }

  /** Tracks an OkHttpClient a test made, so its threads and connections are released after the test. */
  public OkHttpClient track(OkHttpClient okHttpClient) {
    okHttpClients.add(okHttpClient);
    return okHttpClient;
  }

  /** Stubs {@code request} to answer each response in turn; the last one answers every later request. */
  public void stubSequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
    String scenario = "sequence-" + SCENARIOS.incrementAndGet();
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder step = request.get()
          .inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step-" + i);
      if (i < responses.length - 1) {
        step = step.willSetStateTo("step-" + (i + 1));
      }
      server.stubFor(step.willReturn(responses[i]));
    }
  }

  /** The requests the server received at {@code path} (base path included), oldest first. */
  public List<LoggedRequest> requestsTo(String path) {
    List<LoggedRequest> requests = new ArrayList<>();
    server.getAllServeEvents().forEach(event -> {
      String url = event.getRequest().getUrl();
      if (url.equals(path) || url.startsWith(path + "?")) {
        requests.add(event.getRequest());
      }
    });
    Collections.reverse(requests); // the journal lists the newest first
    return requests;
  }

  /**
   * Declares that this test stubs something the spec forbids, on purpose: violations whose key contains
   * {@code keyFragment} (e.g. {@code "validation.response.body.schema.type"}) are then expected, and required.
   */
  public void expectSpecViolation(String keyFragment) {
    expectedViolations.add(keyFragment);
  }

  /** Every spec violation so far in this test, once every served exchange has been checked. */
  public List<String> specViolations() {
    awaitAllChecked();
    return contract.violations();
  }

  /** Fails unless every violation was expected and every expected violation happened. */
  public void verifyContract() {
    List<String> violations = specViolations();
    List<String> unexpected = violations.stream()
        .filter(violation -> expectedViolations.stream().noneMatch(violation::contains))
        .collect(Collectors.toList());
    Set<String> missing = expectedViolations.stream()
        .filter(expected -> violations.stream().noneMatch(violation -> violation.contains(expected)))
        .collect(Collectors.toSet());
    if (!unexpected.isEmpty() || !missing.isEmpty()) {
      throw new AssertionError("The stubs or the client's requests do not match " + SpecContract.specPath()
          + (unexpected.isEmpty() ? "" : "\n  violations:\n    " + String.join("\n    ", unexpected))
          + (missing.isEmpty() ? "" : "\n  expected but not reported: " + missing)
          + (serverNotes.isEmpty() ? "" : "\n  WireMock said:\n    " + String.join("\n    ", serverNotes)));
    }
  }

  private void awaitAllChecked() {
    long deadline = System.nanoTime() + ALL_CHECKED_WITHIN.toNanos();
    // Poll the listener's counters; ask the journal (a copy of every event: costly) only once they agree.
    while (!(contract.idle() && contract.checked() >= server.getAllServeEvents().size())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + contract.checked() + " of " + server.getAllServeEvents().size()
            + " served exchanges were checked against the spec within " + ALL_CHECKED_WITHIN);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static void shutDown(OkHttpClient okHttpClient) {
    okHttpClient.dispatcher().cancelAll();
    okHttpClient.dispatcher().executorService().shutdown();
    okHttpClient.connectionPool().evictAll();
    try {
      okHttpClient.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Keeps WireMock's messages (an unmatched request is reported with its headers, the API key included) out of the
   * logs the secrets guard reads: they only show up in a failing test's message.
   */
  private final class CollectingNotifier implements Notifier {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {
      serverNotes.add(message);
    }

    @Override
    public void error(String message, Throwable t) {
      serverNotes.add(message + ": " + t);
    }
  }
}
