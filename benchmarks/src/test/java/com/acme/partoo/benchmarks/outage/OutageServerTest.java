package com.acme.partoo.benchmarks.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.acme.partoo.benchmarks.CannedTokenServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated Partoo: what it answers in each phase, and what it logs. */
class OutageServerTest {

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private OutageServer server;

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private OutageServer start(OutageKind kind, boolean inOutage) {
    server = OutageServer.start(2, kind, 10, TimeUnit.MILLISECONDS, 2);
    long now = System.nanoTime();
    // Either an hour into an outage of two hours, or an hour after one that ended.
    server.begin(inOutage ? new Schedule(now - 2 * HOUR, HOUR, 2 * HOUR) : new Schedule(now - 3 * HOUR, HOUR, HOUR));
    return server;
  }

  private HttpRequest generate(int client) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl(client) + "/connection/generate_token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\"}"))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void healthyItAnswersTheTokenAfterItsLatencyAndLogsWhoseRequestItWas() throws Exception {
    start(OutageKind.HANG, false);

    long sent = System.nanoTime();
    HttpResponse<String> answer = http.send(generate(1), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(CannedTokenServer.BODY);
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(10));
    EventLog.Events requests = server.requests();
    assertThat(requests.values()).containsExactly(1);
    assertThat(requests.codes()).containsExactly(OutageServer.Answer.OK.ordinal());
  }

  @Test
  void keepsConnectionsAliveAcrossRequests() throws Exception {
    start(OutageKind.UNAVAILABLE, false);

    for (int i = 0; i < 3; i++) {
      assertThat(http.send(generate(0), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    assertThat(server.requests().size()).isEqualTo(3);
  }

  @Test
  void a503OutageAnswers503WithoutRetryAfter() throws Exception {
    start(OutageKind.UNAVAILABLE, true);

    HttpResponse<String> answer = http.send(generate(0), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    assertThat(server.requests().codes()).containsExactly(OutageServer.Answer.UNAVAILABLE.ordinal());
  }

  @Test
  void a429StormAnswers429WithRetryAfter() throws Exception {
    start(OutageKind.RATE_LIMITED, true);

    HttpResponse<String> answer = http.send(generate(0), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(429);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
  }

  @Test
  void hangingItReadsEveryRequestAndAnswersNoneOf64Connections() throws Exception {
    start(OutageKind.HANG, true);
    // One client per connection: java.net.http would otherwise queue requests behind the hung ones.
    List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      hung.add(client.sendAsync(generate(i % 2), HttpResponse.BodyHandlers.ofString()));
    }

    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1); // a hang guard: the server reads them at once
    while (server.hungConnections() < 64 && System.nanoTime() - until < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // until the server has read all 64
    }

    assertThat(server.hungConnections()).isEqualTo(64);
    assertThat(server.requests().size()).isEqualTo(64);
    assertThat(hung).noneMatch(CompletableFuture::isDone);
    assertThatExceptionOfType(HttpTimeoutException.class).as("and still accepts, reads and never answers")
        .isThrownBy(() -> http.send(HttpRequest.newBuilder(generate(0), (name, value) -> true)
            .timeout(Duration.ofMillis(200)).build(), HttpResponse.BodyHandlers.ofString()));
    hung.forEach(call -> call.cancel(true));
  }
}
