package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultInjectionTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final PartooHttp http = new PartooHttp(PARTOO);

  private HttpResponse<String> generate() {
    return http.generate(PARTOO.apiKey(), "{\"user_id\": \"" + PARTOO.userId() + "\"}");
  }

  private static void assertHtmlError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("<h1>" + status + " ");
  }

  @Test
  void serviceUnavailableAnswersTheNextRequestsWith503ThenServesNormally() {
    PARTOO.faults().serviceUnavailable(2);

    HttpResponse<String> first = generate();
    HttpResponse<String> second = generate();
    HttpResponse<String> third = generate();

    assertHtmlError(first, 503);
    assertThat(first.headers().firstValue("Retry-After")).isEmpty();
    assertHtmlError(second, 503);
    assertThat(third.statusCode()).isEqualTo(200);
  }

  @Test
  void retryAfterIsSentInWholeSecondsRoundedUp() {
    PARTOO.faults().serviceUnavailable(1, Duration.ofMillis(1_500)).tooManyRequests(1, Duration.ofSeconds(3));

    assertThat(generate().headers().firstValue("Retry-After")).hasValue("2");
    HttpResponse<String> rateLimited = generate();
    assertHtmlError(rateLimited, 429);
    assertThat(rateLimited.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void tooManyRequestsWithoutRetryAfter() {
    PARTOO.faults().tooManyRequests(1);

    HttpResponse<String> response = generate();

    assertHtmlError(response, 429);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void serverErrorAnswersWithAGatewayStyleHtmlPage(int status) {
    PARTOO.faults().serverError(1, status);

    assertHtmlError(generate(), status);
  }

  @Test
  void faultsAreGivenOutInTheOrderTheyWereScheduled() {
    PARTOO.faults().tooManyRequests(1).serverError(1, 502).serviceUnavailable(1);

    assertThat(List.of(generate().statusCode(), generate().statusCode(), generate().statusCode(),
        generate().statusCode())).containsExactly(429, 502, 503, 200);
  }

  @Test
  void faultsApplyToEveryPathAndReplaceTheRealAnswer() {
    PARTOO.faults().serviceUnavailable(3);

    assertThat(http.login("\\xwhatever").statusCode()).isEqualTo(503);
    assertThat(http.get("/no/such/path", null).statusCode()).isEqualTo(503);
    assertThat(http.generate(null, "not json").statusCode()).isEqualTo(503);
  }

  @Test
  void aFaultyAnswerReplacesTheOperationWhichThenHasNoEffect() {
    AtomicInteger generated = new AtomicInteger();
    FakePartoo.Builder counting = FakePartoo.builder().defaultFixture()
        .tokenGenerator(() -> "\\x" + generated.incrementAndGet());
    try (FakePartoo fake = counting.start()) {
      PartooHttp direct = new PartooHttp(fake);
      fake.faults().serviceUnavailable(1);
      String body = "{\"user_id\": \"" + DefaultFixture.USER_ID + "\"}";
      assertThat(direct.generate(DefaultFixture.API_KEY, body).statusCode()).isEqualTo(503);
      assertThat(generated).hasValue(0);

      String token = direct.newToken();
      fake.faults().serverError(1, 502);
      assertThat(direct.login(token).statusCode()).isEqualTo(502);
      assertThat(direct.login(token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void droppedConnectionGivesTheClientNoAnswerAtAll() {
    PARTOO.faults().dropConnection(1);
    // A client of its own: the request must go out on a new connection, not one the shared client keeps.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(PARTOO.baseUrl() + "/connection/generate_token"))
        .header("x-APIKey", PARTOO.apiKey())
        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": \"" + PARTOO.userId() + "\"}"))
        .build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(PARTOO.journal().last()).hasValueSatisfying(recorded -> {
      assertThat(recorded.answered()).isFalse();
      assertThat(recorded.status()).isEqualTo(RecordedRequest.NO_ANSWER);
    });
    assertThat(generate().statusCode()).isEqualTo(200);
  }

  @Test
  void delayHoldsEveryAnswerUntilTurnedOff() {
    Duration delay = Duration.ofMillis(50);
    PARTOO.faults().delay(delay);

    long start = System.nanoTime();
    HttpResponse<String> delayed = generate();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(delayed.statusCode()).isEqualTo(200);
    assertThat(elapsed).isGreaterThanOrEqualTo(delay);
    PARTOO.faults().delay(Duration.ZERO);
    assertThat(generate().statusCode()).isEqualTo(200);
  }

  @Test
  void pendingCountsUnusedFaultsAndClearForgetsThem() {
    PARTOO.faults().serviceUnavailable(2).dropConnection(1).delay(Duration.ofSeconds(30));
    assertThat(PARTOO.faults().pending()).isEqualTo(3);

    PARTOO.faults().clear();

    assertThat(PARTOO.faults().pending()).isZero();
    assertThat(generate().statusCode()).isEqualTo(200);
  }

  @Test
  void eachScheduledFaultIsGivenToExactlyOneRequestUnderConcurrency() throws Exception {
    PARTOO.faults().serviceUnavailable(20);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> requests = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        requests.add(() -> generate().statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : pool.invokeAll(requests)) {
        statuses.add(status.get());
      }

      assertThat(statuses).filteredOn(status -> status == 503).hasSize(20);
      assertThat(statuses).filteredOn(status -> status == 200).hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidSchedulesAreRefused() {
    Faults faults = PARTOO.faults();
    assertThatThrownBy(() -> faults.serviceUnavailable(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.serverError(1, 503 - 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5xx");
    assertThatThrownBy(() -> faults.tooManyRequests(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(faults.pending()).isZero();
  }
}
