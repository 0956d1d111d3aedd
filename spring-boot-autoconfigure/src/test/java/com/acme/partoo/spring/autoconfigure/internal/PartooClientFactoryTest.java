package com.acme.partoo.spring.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.spring.autoconfigure.PartooProperties;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each {@code partoo.retry.*} and {@code partoo.outage.*} property lands in the facade policy it belongs to. */
class PartooClientFactoryTest {

  private final PropertyProblems problems = new PropertyProblems();

  @Test
  void noRetryPropertyMeansTheFacadesDefaults() {
    assertThat(PartooClientFactory.retryPolicy(new PartooProperties.Retry(), problems))
        .isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void everyRetryPropertyIsApplied() {
    PartooProperties.Retry retry = new PartooProperties.Retry();
    retry.setMaxAttempts(5);
    retry.setBaseDelay(Duration.ofMillis(50));
    retry.setMaxDelay(Duration.ofSeconds(2));
    retry.getBudget().setCapacity(4);
    retry.getBudget().setRefillPerSuccess(0.25);

    assertThat(PartooClientFactory.retryPolicy(retry, problems)).isEqualTo(RetryPolicy.builder().maxAttempts(5)
        .baseDelay(Duration.ofMillis(50)).maxDelay(Duration.ofSeconds(2)).retryBudget(4, 0.25).build());
    problems.throwIfAny();
  }

  @Test
  void halfABudgetKeepsTheOtherHalfsDefault() {
    PartooProperties.Retry retry = new PartooProperties.Retry();
    retry.getBudget().setCapacity(0);

    assertThat(PartooClientFactory.retryPolicy(retry, problems))
        .isEqualTo(RetryPolicy.builder().retryBudget(0, RetryPolicy.defaults().budgetRefillPerSuccess()).build());
  }

  @Test
  void noOutagePropertyMeansTheFacadesDefaults() {
    assertThat(PartooClientFactory.outagePolicy(new PartooProperties.Outage(), problems))
        .isEqualTo(OutagePolicy.defaults());
  }

  @Test
  void outageDisabledMeansNoProtection() {
    PartooProperties.Outage outage = new PartooProperties.Outage();
    outage.setEnabled(false);
    outage.setWindow(3);

    assertThat(PartooClientFactory.outagePolicy(outage, problems)).isEqualTo(OutagePolicy.disabled());
  }

  @Test
  void everyOutagePropertyIsApplied() {
    PartooProperties.Outage outage = new PartooProperties.Outage();
    outage.setWindow(20);
    outage.setMinimumCalls(8);
    outage.setFailureRatePercent(40);
    outage.setSlowCallThreshold(Duration.ofMillis(700));
    outage.setSlowCallRatePercent(90);
    outage.setOpenInterval(Duration.ofMillis(300));
    outage.setMaxOpenInterval(Duration.ofSeconds(3));
    outage.setProbes(3);

    assertThat(PartooClientFactory.outagePolicy(outage, problems)).isEqualTo(OutagePolicy.builder().window(20, 8)
        .failureRatePercent(40).slowCalls(Duration.ofMillis(700), 90)
        .openInterval(Duration.ofMillis(300), Duration.ofSeconds(3)).probes(3).build());
    problems.throwIfAny();
  }

  @Test
  void aSmallWindowAloneBringsTheMinimumDownWithIt() {
    PartooProperties.Outage outage = new PartooProperties.Outage();
    outage.setWindow(3);

    assertThat(PartooClientFactory.outagePolicy(outage, problems).minimumCalls()).isEqualTo(3);
  }

  @Test
  void aLongOpenIntervalAloneRaisesTheMaximumToIt() {
    PartooProperties.Outage outage = new PartooProperties.Outage();
    outage.setOpenInterval(Duration.ofSeconds(30));

    OutagePolicy policy = PartooClientFactory.outagePolicy(outage, problems);
    assertThat(policy.openInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.maxOpenInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusalsNameTheirPropertyAndAreAllReported() {
    PartooProperties.Outage outage = new PartooProperties.Outage();
    outage.setWindow(10);
    outage.setMinimumCalls(11);
    outage.setOpenInterval(Duration.ofSeconds(5));
    outage.setMaxOpenInterval(Duration.ofSeconds(1));
    PartooClientFactory.outagePolicy(outage, problems);

    assertThatThrownBy(problems::throwIfAny)
        .isInstanceOfSatisfying(InvalidPartooPropertiesException.class, e -> assertThat(e.problems())
            .extracting(InvalidPartooPropertiesException.Problem::property)
            .containsExactly("partoo.outage.minimum-calls", "partoo.outage.open-interval"))
        .hasMessageContaining("partoo.outage.minimum-calls must be between 1 and the partoo.outage.window (10)")
        .hasMessageContaining("partoo.outage.open-interval (PT5S) must not exceed partoo.outage.max-open-interval");
  }
}
