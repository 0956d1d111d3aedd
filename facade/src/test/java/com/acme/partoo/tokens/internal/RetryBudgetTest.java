package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket alone: what it grants, how successes refill it. */
class RetryBudgetTest {

  @Test
  void fullBucketAllowsCapacityRetriesThenRefuses() {
    RetryBudget budget = new RetryBudget(3, 0.1);

    List<RetryBudget.Grant> granted =
        List.of(budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire());

    assertThat(granted).containsExactly(RetryBudget.Grant.GRANTED, RetryBudget.Grant.GRANTED, RetryBudget.Grant.LAST,
        RetryBudget.Grant.REFUSED);
  }

  @Test
  void successesRefillTheBucketByTheirFraction() {
    RetryBudget budget = new RetryBudget(2, 0.5);
    budget.tryAcquire();
    budget.tryAcquire();

    budget.onSuccess();
    RetryBudget.Grant afterOneSuccess = budget.tryAcquire();
    budget.onSuccess();
    RetryBudget.Grant afterTwoSuccesses = budget.tryAcquire();

    assertThat(afterOneSuccess).isEqualTo(RetryBudget.Grant.REFUSED);
    assertThat(afterTwoSuccesses).isEqualTo(RetryBudget.Grant.LAST);
  }

  @Test
  void refillStopsAtCapacity() {
    RetryBudget budget = new RetryBudget(2, 1.0);
    budget.tryAcquire();

    for (int i = 0; i < 10; i++) {
      budget.onSuccess();
    }

    assertThat(budget.available()).isEqualTo(2.0);
  }

  @Test
  void zeroCapacityNeverGrantsARetry() {
    RetryBudget budget = new RetryBudget(0, 1.0);
    budget.onSuccess();

    assertThat(budget.tryAcquire()).isEqualTo(RetryBudget.Grant.REFUSED);
  }
}
