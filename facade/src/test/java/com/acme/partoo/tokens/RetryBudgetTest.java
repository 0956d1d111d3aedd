package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-client token bucket of retries that keeps a fleet from multiplying its load during an outage. */
class RetryBudgetTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();
  @RegisterExtension final LogCapture log = new LogCapture("com.acme.partoo.tokens.internal.RetryBudget");

  @Test
  void zeroCapacityClientFailsAfterOneAttempt() {
    partoo.enqueue(status(503));
    ConnectionTokens tokens = partoo.client(builder -> builder
            .retryPolicy(RetryPolicy.builder().retryBudget(0, 0.1).build()))
        .connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("retry budget is spent");
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void sustainedOutageMakesCallsFailAfterOneAttemptOnceTheBudgetIsSpent() {
    partoo.answerEveryRequestWith(status(503));
    ConnectionTokens tokens = partoo.client(builder -> builder
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).retryBudget(4, 0.1).build()))
        .connectionTokens();

    List<Integer> requestsPerCall = new ArrayList<>();
    List<Integer> attemptsPerCall = new ArrayList<>();
    ServerException last = null;
    for (int call = 0; call < 4; call++) {
      int before = partoo.requestCount();
      last = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));
      requestsPerCall.add(partoo.requestCount() - before);
      attemptsPerCall.add(last.attempts());
    }

    assertThat(requestsPerCall).containsExactly(3, 3, 1, 1);
    assertThat(attemptsPerCall).isEqualTo(requestsPerCall);
    assertThat(last.getMessage()).contains("retry budget is spent");
    assertThat(log.warnings()).singleElement().asString().contains("retry budget exhausted");
  }

  @Test
  void successfulCallsBringRetriesBack() {
    partoo.enqueue(status(503), status(503), status(503), tokenResponse(), status(503), status(503));
    ConnectionTokens tokens = partoo.client(builder -> builder
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).retryBudget(1, 1.0).build()))
        .connectionTokens();

    int spending = attemptsOfFailingCall(tokens);
    int spent = attemptsOfFailingCall(tokens);
    tokens.generate(USER_ID);
    int refilled = attemptsOfFailingCall(tokens);

    assertThat(List.of(spending, spent, refilled)).containsExactly(2, 1, 2);
    assertThat(partoo.requestCount()).isEqualTo(6);
  }

  private static int attemptsOfFailingCall(ConnectionTokens tokens) {
    return catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID)).attempts();
  }
}
