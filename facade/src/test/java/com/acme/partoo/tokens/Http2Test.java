package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.PartooListener.AttemptEnded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/2 over TLS, as Partoo is reached in production: a stream the server refused or never processed is sent again
 * at once, whichever way its attempt got its connection, without a retry; connections rotated by GOAWAY fail no call;
 * a cold burst of calls shares one connection instead of opening one each.
 */
class Http2Test {

  private static final int CALLERS = 16;
  /** HTTP/2's REFUSED_STREAM error code (RFC 9113, section 7). */
  private static final int REFUSED_STREAM = 7;

  @RegisterExtension final FakePartoo partoo = FakePartoo.https(TestTls.LOOPBACK);

  private final ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  private PartooClient client(PartooListener listener) {
    return partoo.client(b -> b.trustedCertificates(TestTls.caPem()).listener(listener));
  }

  /** Runs {@code calls} calls on {@code threads} threads at once; returns how many succeeded. */
  private int callAtOnce(ConnectionTokens tokens, int threads, int callsEach) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      done.add(callers.submit(() -> {
        start.await();
        int succeeded = 0;
        for (int call = 0; call < callsEach; call++) {
          succeeded += TOKEN.equals(tokens.generate(USER_ID).token()) ? 1 : 0;
        }
        return succeeded;
      }));
    }
    start.countDown();
    int succeeded = 0;
    for (Future<Integer> each : done) {
      succeeded += each.get();
    }
    return succeeded;
  }

  /**
   * Load balancers and servers rotate HTTP/2 connections: here each connection carries 40 streams, then the server
   * sends GOAWAY (as nginx's {@code keepalive_requests} does; with 16 callers that is a rotation every few
   * milliseconds of calls, rather than every few hundred ms of real time, so that the test does not depend on the
   * machine's speed), and the first stream of every new connection is refused (REFUSED_STREAM), as an overloaded
   * server does: that stream belongs to the call that opened the connection, or one that joined it, not to a pooled
   * connection. 16 callers, 25 calls each.
   */
  @Test
  void goawayRotationUnderSixteenCallersFailsNoCallAndSpendsNoRetry() throws Exception {
    RotatingHttp2 server = new RotatingHttp2(40);
    partoo.setDispatcher(server);
    ListenerTest.Recording recording = new ListenerTest.Recording();
    ConnectionTokens tokens = client(recording).connectionTokens();

    int succeeded = callAtOnce(tokens, CALLERS, 25);

    assertThat(succeeded).as("calls that succeeded").isEqualTo(CALLERS * 25);
    assertThat(partoo.scheduler.waits()).as("waits before a retry: none was needed").isEmpty();
    assertThat(server.refused.get()).as("streams the server refused").isPositive();
    assertThat(partoo.connectionsAccepted()).as("connections: rotated").isGreaterThan(2);
    assertThat(recording.events).as("free resends: attempts that failed and were sent again at once")
        .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(AttemptEnded.class, attempt -> {
          assertThat(attempt.failure()).contains(FailureKind.NO_ANSWER);
          assertThat(attempt.nextWait()).isEmpty();
        }));
    assertThat(recording.events).noneMatch(event -> event.toString().startsWith("budget exhausted"));
  }

  /**
   * 32 calls at once on a client that has no connection yet: before the first TLS handshake tells whether Partoo
   * speaks HTTP/2, one call connects and the others wait for it, then share its connection. Exactly one: the others
   * are let go only once that connection is in the pool, and nothing limits its streams here (the server sets no
   * SETTINGS_MAX_CONCURRENT_STREAMS).
   */
  @Test
  void aColdBurstOverHttp2OpensOneConnection() throws Exception {
    partoo.answerEveryRequestWith(tokenResponse());
    ConnectionTokens tokens = client(new PartooListener() {}).connectionTokens();

    int succeeded = callAtOnce(tokens, 32, 1);

    assertThat(succeeded).isEqualTo(32);
    assertThat(partoo.connectionsAccepted()).as("TCP+TLS connections opened").isEqualTo(1);
  }

  /** The same with asynchronous calls, whose waits for the first connection are futures, not blocked threads. */
  @Test
  void aColdAsyncBurstOverHttp2OpensOneConnection() {
    partoo.answerEveryRequestWith(tokenResponse());
    ConnectionTokens tokens = client(new PartooListener() {}).connectionTokens();

    List<java.util.concurrent.CompletableFuture<ConnectionToken>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      calls.add(tokens.generateAsync(USER_ID));
    }

    assertThat(calls).allSatisfy(call -> assertThat(call.join().token()).isEqualTo(TOKEN));
    assertThat(partoo.connectionsAccepted()).as("TCP+TLS connections opened").isEqualTo(1);
  }

  /**
   * Answers every request with a token, and rotates HTTP/2 connections as a well-behaved server does: after the
   * {@code streams}-th stream of a connection it answers the streams it already accepted, then sends GOAWAY; streams
   * that arrive meanwhile are refused (REFUSED_STREAM), and so is the first stream of the second, third and fourth
   * connections (enough to show that such a stream is resent whoever opened the connection).
   *
   * <p>Why so much care: MockWebServer's own GOAWAY ({@code ShutdownConnection}) makes every response written after
   * it fail (its {@code setSettings} throws once the connection is shut down), so the streams it had accepted and
   * dispatched were reset with PROTOCOL_ERROR: processed requests, rightly retried by a client, which is not what a
   * rotation does. Here the stream that sends GOAWAY waits until the other accepted streams' bodies are written.
   *
   * <p>It tells streams apart by the name MockWebServer's stream task runs under ({@code /127.0.0.1:PORT[ID]
   * onStream}), the same thread for a stream's two peeks (before and while its request is read) and its dispatch.
   */
  private static final class RotatingHttp2 extends Dispatcher {
    private static final Pattern STREAM = Pattern.compile("(.+)\\[\\d+\\] onStream");
    private static final MockResponse PLAIN = new MockResponse.Builder().build();
    private static final MockResponse REFUSE = new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseStream(REFUSED_STREAM)).build();
    private static final MockResponse GOAWAY = new MockResponse.Builder()
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();

    private final int streamsPerConnection;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, MockResponse> decided = new ConcurrentHashMap<>();
    private final AtomicInteger connectionsSeen = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    /** Sends GOAWAY after {@code streams} streams of each connection. */
    RotatingHttp2(int streams) {
      this.streamsPerConnection = streams;
    }

    /** One connection's streams, guarded by itself. */
    private static final class Connection {
      final Set<String> unwritten = new java.util.HashSet<>();
      int number; // 1 for the first connection seen, then 2...
      boolean refusedFirst;
      int accepted;
      String goaway; // the stream that sends it, once decided
    }

    @Override
    public MockResponse peek() {
      String stream = Thread.currentThread().getName();
      Matcher match = STREAM.matcher(stream);
      if (!match.matches()) {
        return PLAIN; // accepting a connection
      }
      MockResponse again = decided.remove(stream);
      if (again != null) {
        return again; // the second peek of this stream
      }
      Connection connection = connections.computeIfAbsent(match.group(1), key -> new Connection());
      MockResponse decision;
      synchronized (connection) {
        if (connection.number == 0) {
          connection.number = connectionsSeen.incrementAndGet();
        }
        boolean refuseFirst = connection.accepted == 0 && connection.number >= 2 && connection.number <= 4;
        if (refuseFirst && !connection.refusedFirst || connection.goaway != null) {
          connection.refusedFirst = true;
          refused.incrementAndGet();
          return REFUSE; // never read, so never peeked again
        }
        connection.unwritten.add(stream);
        if (++connection.accepted == streamsPerConnection) {
          connection.goaway = stream;
        }
        decision = stream.equals(connection.goaway) ? GOAWAY : PLAIN;
      }
      decided.put(stream, decision);
      return decision;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String stream = Thread.currentThread().getName();
      Matcher match = STREAM.matcher(stream);
      if (!match.matches()) {
        return tokenResponse(); // HTTP/1.1
      }
      Connection connection = connections.get(match.group(1));
      synchronized (connection) {
        // Bounded only so that a broken test cannot hang the build: the other bodies are written in microseconds.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (stream.equals(connection.goaway) && connection.unwritten.size() > 1 && System.nanoTime() < until) {
          connection.wait(100);
        }
      }
      return tokenResponse().newBuilder().body(new ReportingBody(tokenResponse().getBody(), () -> {
        synchronized (connection) {
          connection.unwritten.remove(stream);
          connection.notifyAll();
        }
      })).build();
    }
  }

  /** A body that says when it has been written: after MockWebServer has set the stream's headers and settings. */
  private static final class ReportingBody implements MockResponseBody {
    private final MockResponseBody body;
    private final Runnable written;

    ReportingBody(MockResponseBody body, Runnable written) {
      this.body = body;
      this.written = written;
    }

    @Override
    public long getContentLength() {
      return body.getContentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws java.io.IOException {
      body.writeTo(sink);
      written.run();
    }
  }
}
