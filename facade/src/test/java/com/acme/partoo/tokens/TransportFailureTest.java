package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.tokens.PartooListener.CallEnded;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failures are classified by what fixes them. A TLS failure (untrusted certificate, hostname mismatch, no common
 * protocol or cipher) and a proxy refusing the tunnel are this service's configuration: one attempt, no retry, no
 * retry-budget token, nothing held against Partoo by the outage protection, a kind and an exception of their own. A
 * handshake that is cut or never completes is no answer, bounded by the deadline. The trust and the proxy are given
 * through {@code okHttpClient(...)} here, as a user did when the issue was found.
 */
class TransportFailureTest {

  private static final String PROXY_USER = "egress-svc";
  private static final String PROXY_PASSWORD = "pw-4f1c3e9b2d7a";

  /** The three configuration errors of the issue, each set up against a server that is otherwise fine. */
  enum Misconfiguration {
    UNTRUSTED_CERTIFICATE("TLS"),
    HOSTNAME_MISMATCH("TLS"),
    PROXY_AUTHENTICATION_REQUIRED("PROXY");

    final String kind;

    Misconfiguration(String kind) {
      this.kind = kind;
    }
  }

  @AutoClose private final FakeProxy proxy = FakeProxy.start();
  private final List<OkHttpClient> shared = new CopyOnWriteArrayList<>();

  @AfterEach
  void evictSharedPools() {
    shared.forEach(client -> client.connectionPool().evictAll());
  }

  @RegisterExtension final FakePartoo partoo = FakePartoo.https(TestTls.LOOPBACK);

  /** A client that trusts the test CA, as the user configured it. */
  private OkHttpClient trustingTheCa() {
    HandshakeCertificates trust = TestTls.trustingTheCa();
    return track(new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build());
  }

  private OkHttpClient track(OkHttpClient client) {
    shared.add(client);
    return client;
  }

  /** A client of {@link FakePartoo#builder()} set up to fail as {@code how}, with a listener. */
  private PartooClient misconfigured(Misconfiguration how, ListenerTest.Recording recording,
      UnaryOperator<PartooClient.Builder> customize) {
    return partoo.client(builder -> customize.apply(switch (how) {
      // The JVM's default CAs: the test CA is not among them.
      case UNTRUSTED_CERTIFICATE -> builder;
      // Trusted, but the certificate names 127.0.0.1, not localhost (which leads to the same server).
      case HOSTNAME_MISMATCH -> builder.okHttpClient(trustingTheCa())
          .baseUrl("https://localhost:" + partoo.port() + "/v2");
      case PROXY_AUTHENTICATION_REQUIRED -> {
        proxy.requireCredentials(PROXY_USER, PROXY_PASSWORD);
        yield builder.okHttpClient(track(trustingTheCa().newBuilder().proxy(proxy.proxy()).build()));
      }
    }).listener(recording));
  }

  private static Optional<String> kindHeard(ListenerTest.Recording recording) {
    return recording.events.stream().filter(CallEnded.class::isInstance).map(CallEnded.class::cast)
        .reduce((first, second) -> second).flatMap(CallEnded::failure).map(Enum::name);
  }

  @ParameterizedTest
  @EnumSource(Misconfiguration.class)
  void aConfigurationErrorEndsAfterExactlyOneAttemptWithItsOwnKind(Misconfiguration how) {
    ListenerTest.Recording recording = new ListenerTest.Recording();
    ConnectionTokens tokens = misconfigured(how, recording, b -> b).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).as("attempts").isEqualTo(1);
    assertThat(e.getSuppressed()).as("earlier attempts").isEmpty();
    assertThat(e.getClass().getSimpleName()).isEqualTo("TransportConfigurationException");
    assertThat(kindHeard(recording)).as("the call's failure kind, as listeners hear it").hasValue(how.kind);
    assertThat(partoo.scheduler.waits()).as("waits before a retry").isEmpty();
    if (how == Misconfiguration.PROXY_AUTHENTICATION_REQUIRED) {
      assertThat(proxy.connectRequests()).as("CONNECTs the proxy received").isEqualTo(1);
      assertThat(partoo.connectionsAccepted()).as("connections that reached Partoo").isZero();
      SecretAssertions.assertNoSecretIn(e, PROXY_PASSWORD, Credentials.basic(PROXY_USER, PROXY_PASSWORD));
    } else {
      assertThat(partoo.connectionsAccepted()).as("TLS handshakes Partoo saw").isEqualTo(1);
    }
    assertThat(partoo.requestCount()).as("requests that reached Partoo").isZero();
  }

  @ParameterizedTest
  @EnumSource(Misconfiguration.class)
  void twentyInARowLeaveTheOutageProtectionClosedAndSpendNoRetryBudget(Misconfiguration how) {
    ListenerTest.Recording recording = new ListenerTest.Recording();
    // One retry token and no refill: any retry a configuration error took would leave none for the last call.
    PartooClient client = misconfigured(how, recording,
        b -> b.retryPolicy(RetryPolicy.builder().retryBudget(1, 0).build()));

    for (int i = 0; i < 20; i++) {
      catchThrowableOfType(PartooConnectionException.class, () -> client.connectionTokens().generate(USER_ID));
    }

    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    assertThat(client.health().lastFailure()).as("nothing was held against Partoo").isEmpty();
    assertThat(recording.events).as("what listeners heard")
        .noneMatch(event -> event.toString().startsWith("budget exhausted"));
  }

  @Nested
  class Handshakes {

    private final ServerSocket silent = listen();

    @AfterEach
    void close() throws IOException {
      silent.close();
    }

    private ServerSocket listen() {
      try {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String baseUrl() {
      return "https://127.0.0.1:" + silent.getLocalPort() + "/v2";
    }

    /**
     * A server that accepts TCP and never answers the ClientHello: the deadline (300 ms, real time: only OkHttp's
     * own timers can cut a blocked handshake) ends the call, not the 5 s read timeout, and it is no answer in time,
     * not a configuration error. The cause says which timer fired: OkHttp's call timeout is a plain
     * {@link InterruptedIOException} "timeout", a socket's read timeout a {@link SocketTimeoutException}.
     */
    @Test
    @Timeout(30) // a safety net for a hang, not an assertion on how long the call takes
    void aHandshakeThatNeverCompletesIsBoundedByTheDeadline() {
      ListenerTest.Recording recording = new ListenerTest.Recording();
      PartooClient client = partoo.realTimeClient(b -> b.baseUrl(baseUrl()).okHttpClient(trustingTheCa())
          .deadline(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(5)).listener(recording));

      PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
          () -> client.connectionTokens().generate(USER_ID));

      assertThat(e.getClass()).isEqualTo(PartooConnectionException.class);
      assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class).isNotInstanceOf(SocketTimeoutException.class);
      assertThat(e).hasMessageContaining("300 ms deadline");
      assertThat(kindHeard(recording)).hasValue("TIMEOUT");
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void aHandshakeCutByThePeerIsNoAnswerAndRetried(Cut cut) throws IOException {
      Thread cutter = new Thread(() -> cutEveryHandshake(cut), "handshake-cutter");
      cutter.setDaemon(true);
      cutter.start();
      ListenerTest.Recording recording = new ListenerTest.Recording();
      PartooClient client = partoo.client(b -> b.baseUrl(baseUrl()).okHttpClient(trustingTheCa()).listener(recording));

      PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
          () -> client.connectionTokens().generate(USER_ID));

      assertThat(e.getClass()).isEqualTo(PartooConnectionException.class);
      assertThat(e.attempts()).as("retried as any connection failure").isEqualTo(3);
      assertThat(kindHeard(recording)).hasValue("NO_ANSWER");
    }

    /** Reads the ClientHello, then closes: with a FIN, or a reset. */
    private void cutEveryHandshake(Cut cut) {
      while (!silent.isClosed()) {
        try (Socket socket = silent.accept()) {
          socket.getInputStream().read(new byte[512]);
          if (cut == Cut.RESET) {
            socket.setSoLinger(true, 0);
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }
  }

  /** How a server cuts a handshake. */
  enum Cut { END_OF_STREAM, RESET }

  @Test
  void aProxyRefusingTheTunnelEndsAfterOneAttempt() {
    proxy.refuseWith(403);
    ListenerTest.Recording recording = new ListenerTest.Recording();
    ConnectionTokens tokens = partoo.client(b -> b.okHttpClient(track(trustingTheCa().newBuilder()
        .proxy(proxy.proxy()).build())).listener(recording)).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getClass().getSimpleName()).isEqualTo("TransportConfigurationException");
    assertThat(kindHeard(recording)).hasValue("PROXY");
    assertThat(proxy.connectRequests()).isEqualTo(1);
  }
}
