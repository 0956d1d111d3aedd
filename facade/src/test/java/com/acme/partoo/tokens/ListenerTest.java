package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.API_KEY;
import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.statusResponse;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.tokens.PartooListener.AttemptEnded;
import com.acme.partoo.tokens.PartooListener.AttemptStarted;
import com.acme.partoo.tokens.PartooListener.CallEnded;
import com.acme.partoo.tokens.PartooListener.CallListener;
import com.acme.partoo.tokens.PartooListener.CallStarted;
import com.acme.partoo.tokens.PartooListener.Operation;
import com.acme.partoo.tokens.PartooListener.Outcome;
import com.acme.partoo.tokens.PartooListener.RequestHeaders;
import com.acme.partoo.tokens.PartooListener.WaitReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a {@link PartooListener} hears, on which thread, and that it can neither break a call nor see a secret. */
class ListenerTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();
  @RegisterExtension final LogCapture log = new LogCapture("com.acme.partoo.tokens.internal.Listeners");

  /** Records every event, as text, with the thread it came on. */
  static final class Recording implements PartooListener {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public CallListener callStarted(CallStarted call) {
      heard(call);
      return new CallListener() {
        @Override
        public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
          heard(attempt);
        }

        @Override
        public void attemptEnded(AttemptEnded attempt) {
          heard(attempt);
        }

        @Override
        public void callEnded(CallEnded end) {
          heard(end);
        }
      };
    }

    @Override
    public void retryBudgetExhausted(Operation operation) {
      heard("budget exhausted: " + operation);
    }

    @Override
    public void healthChanged(PartooHealth previous, PartooHealth current) {
      heard(previous.state() + " -> " + current.state());
    }

    private void heard(Object event) {
      events.add(event);
      threads.add(Thread.currentThread().getName());
    }
  }

  private static AttemptEnded ended(Operation operation, int number, OptionalInt status, FailureKind failure,
      Duration wait, WaitReason reason) {
    return new AttemptEnded(operation, number, status, Optional.ofNullable(failure), Duration.ZERO,
        Optional.ofNullable(wait), Optional.ofNullable(reason));
  }

  /** Events with every duration set to zero: fake time moves only by the waits, which are asserted on their own. */
  private static List<Object> withoutDurations(List<Object> events) {
    return events.stream().map(event -> {
      if (event instanceof AttemptEnded a) {
        return new AttemptEnded(a.operation(), a.number(), a.statusCode(), a.failure(), Duration.ZERO, a.nextWait(),
            a.waitReason());
      }
      if (event instanceof CallEnded c) {
        return new CallEnded(c.operation(), c.outcome(), c.failure(), c.statusCode(), Duration.ZERO, c.attempts());
      }
      return event;
    }).toList();
  }

  @Test
  void aScriptedRunIsHeardExactly() {
    Recording recording = new Recording();
    partoo.enqueue(tokenResponse(), tokenResponse(), status(503).newBuilder().setHeader("Retry-After", "1").build(),
        tokenResponse(), json(401, "{\"errors\": {\"authentication\": \"User not authenticated\"}}"));
    ConnectionTokens tokens = partoo.client(b -> b.listener(recording)).connectionTokens();
    java.net.URI base = java.net.URI.create(partoo.baseUrl());
    String host = base.getHost();
    int port = base.getPort();
    CallStarted generate = new CallStarted(Operation.GENERATE, host, port, "/v2/connection/generate_token");

    tokens.generate(USER_ID);
    tokens.generate(USER_ID);
    tokens.generate(USER_ID);
    catchThrowableOfType(AuthenticationException.class, () -> tokens.generate(USER_ID));

    OptionalInt ok = OptionalInt.of(200);
    assertThat(withoutDurations(recording.events)).containsExactly(
        generate, new AttemptStarted(Operation.GENERATE, 1), ended(Operation.GENERATE, 1, ok, null, null, null),
        new CallEnded(Operation.GENERATE, Outcome.SUCCESS, Optional.empty(), ok, Duration.ZERO, 1),
        generate, new AttemptStarted(Operation.GENERATE, 1), ended(Operation.GENERATE, 1, ok, null, null, null),
        new CallEnded(Operation.GENERATE, Outcome.SUCCESS, Optional.empty(), ok, Duration.ZERO, 1),
        generate, new AttemptStarted(Operation.GENERATE, 1),
        ended(Operation.GENERATE, 1, OptionalInt.of(503), FailureKind.SERVER, Duration.ofSeconds(1),
            WaitReason.RETRY_AFTER),
        new AttemptStarted(Operation.GENERATE, 2), ended(Operation.GENERATE, 2, ok, null, null, null),
        new CallEnded(Operation.GENERATE, Outcome.SUCCESS, Optional.empty(), ok, Duration.ZERO, 2),
        generate, new AttemptStarted(Operation.GENERATE, 1),
        ended(Operation.GENERATE, 1, OptionalInt.of(401), FailureKind.AUTHENTICATION, null, null),
        new CallEnded(Operation.GENERATE, Outcome.FAILURE, Optional.of(FailureKind.AUTHENTICATION),
            OptionalInt.of(401), Duration.ZERO, 1));
  }

  @Test
  void durationsAreMeasuredOnTheClientsTicker() {
    Recording recording = new Recording();
    partoo.enqueue(status(503).newBuilder().setHeader("Retry-After", "2").build(), tokenResponse());

    partoo.client(b -> b.listener(recording)).connectionTokens().generate(USER_ID);

    CallEnded end = (CallEnded) recording.events.get(recording.events.size() - 1);
    assertThat(end.duration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aRevokesCheckIsHeardAsACheckAttempt() {
    Recording recording = new Recording();
    partoo.enqueue(status(500), statusResponse("revoked"));

    partoo.client(b -> b.listener(recording)).connectionTokens().revoke(USER_ID, TOKEN);

    assertThat(recording.events).filteredOn(AttemptStarted.class::isInstance).containsExactly(
        new AttemptStarted(Operation.REVOKE, 1), new AttemptStarted(Operation.CHECK, 2));
    assertThat(recording.events.get(recording.events.size() - 1)).isInstanceOfSatisfying(CallEnded.class, end -> {
      assertThat(end.outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(end.attempts()).isEqualTo(2);
    });
  }

  @Test
  void aListenerAddsHeadersToEachRequestButNotTheOnesTheClientOwns() {
    List<String> refused = new CopyOnWriteArrayList<>();
    PartooListener tracing = new PartooListener() {
      @Override
      public CallListener callStarted(CallStarted call) {
        return new CallListener() {
          @Override
          public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
            headers.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0" + attempt.number());
            for (String owned : List.of("x-APIKey", "User-Agent", "Host", "Content-Type")) {
              try {
                headers.set(owned, "forged");
              } catch (IllegalArgumentException e) {
                refused.add(owned);
              }
            }
          }
        };
      }
    };
    partoo.enqueue(status(502), tokenResponse());

    partoo.client(b -> b.listener(tracing)).connectionTokens().generate(USER_ID);

    assertThat(partoo.takeRequest().getHeaders().get("traceparent")).endsWith("-01");
    mockwebserver3.RecordedRequest second = partoo.takeRequest();
    assertThat(second.getHeaders().get("traceparent")).endsWith("-02");
    assertThat(second.getHeaders().get("x-APIKey")).isEqualTo(API_KEY);
    assertThat(second.getHeaders().get("User-Agent")).startsWith("partoo-token-client-java/");
    assertThat(refused).containsExactly("x-APIKey", "User-Agent", "Host", "Content-Type",
        "x-APIKey", "User-Agent", "Host", "Content-Type");
  }

  @Test
  void aListenerThatThrowsNeverBreaksACallAndIsLoggedOnce() {
    PartooListener broken = new PartooListener() {
      @Override
      public CallListener callStarted(CallStarted call) {
        return new CallListener() {
          @Override
          public void attemptEnded(AttemptEnded attempt) {
            throw new IllegalStateException("metrics backend down");
          }

          @Override
          public void callEnded(CallEnded end) {
            throw new IllegalStateException("metrics backend down");
          }
        };
      }

      @Override
      public void healthChanged(PartooHealth previous, PartooHealth current) {
        throw new IllegalStateException("metrics backend down");
      }
    };
    Recording after = new Recording();
    partoo.enqueue(tokenResponse(), tokenResponse(), tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> b.listener(broken).listener(after)).connectionTokens();

    for (int i = 0; i < 3; i++) {
      assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
    }

    assertThat(log.warnings()).singleElement().asString().contains("threw java.lang.IllegalStateException")
        .doesNotContain("metrics backend down");
    assertThat(after.events).filteredOn(CallEnded.class::isInstance).hasSize(3);
  }

  @Test
  void noEventCarriesTheKeyOrTheToken() {
    Recording recording = new Recording();
    partoo.answerEveryRequestWith(json(400, "{\"errors\": {\"json\": {\"token\": [\"" + TOKEN.replace("\\", "\\\\")
        + " is not valid for key " + API_KEY + "\"]}}}"));
    ConnectionTokens tokens = partoo.client(b -> b.listener(recording)
        .retryPolicy(RetryPolicy.none())).connectionTokens();

    catchThrowableOfType(InvalidRequestException.class, () -> tokens.check(USER_ID, TOKEN));
    catchThrowableOfType(InvalidRequestException.class, () -> tokens.revoke(USER_ID, TOKEN));

    assertThat(recording.events).isNotEmpty().allSatisfy(event -> assertThat(event.toString())
        .doesNotContain(API_KEY).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 12)));
  }

  @Test
  void healthChangesAndTheEmptyBudgetAreHeard() {
    Recording recording = new Recording();
    partoo.answerEveryRequestWith(status(503));
    ConnectionTokens tokens = partoo.client(b -> b.listener(recording)
        .retryPolicy(RetryPolicy.builder().retryBudget(2, 0.1).build())).connectionTokens();

    for (int i = 0; i < 5; i++) {
      catchThrowableOfType(PartooException.class, () -> tokens.generate(USER_ID));
    }

    assertThat(recording.events).contains("budget exhausted: GENERATE", "CLOSED -> OPEN");
  }

  @Test
  void anAsyncCallIsHeardOnOkHttpThreadsAfterItStartsOnTheCallers() {
    Recording recording = new Recording();
    partoo.enqueue(tokenResponse());

    partoo.client(b -> b.listener(recording)).connectionTokens().generateAsync(USER_ID).join();

    assertThat(recording.threads.get(0)).isEqualTo(Thread.currentThread().getName());
    assertThat(recording.threads.subList(1, recording.threads.size()))
        .allSatisfy(name -> assertThat(name).startsWith("OkHttp"));
  }
}
