package com.acme.partoo.tokens.internal;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.RetryPolicy;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Full jitter: each wait is uniform in [0, min(maxDelay, baseDelay × 2^(retry-1))). */
class BackoffTest {

  private static final RetryPolicy POLICY =
      RetryPolicy.builder().baseDelay(ofMillis(200)).maxDelay(ofSeconds(5)).build();
  /** The largest double below 1: the top of the jitter's range. */
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @ParameterizedTest(name = "retry {0} waits 0")
  @ValueSource(ints = {1, 2, 5, 10})
  void lowestJitterWaitsNothing(int retry) {
    Backoff backoff = new Backoff(POLICY, () -> 0.0);

    assertThat(backoff.delay(retry)).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest(name = "retry {0} waits just under {1} ms")
  @CsvSource({"1, 200", "2, 400", "3, 800", "4, 1600", "5, 3200", "6, 5000", "7, 5000", "10, 5000"})
  void highestJitterWaitsJustUnderTheDoubledBaseCappedAtMaxDelay(int retry, long ceilingMillis) {
    Backoff backoff = new Backoff(POLICY, () -> ALMOST_ONE);

    Duration wait = backoff.delay(retry);

    Duration ceiling = ofMillis(ceilingMillis);
    assertThat(wait).isLessThan(ceiling).isGreaterThanOrEqualTo(ceiling.minusNanos(1_000));
  }

  @ParameterizedTest(name = "baseDelay {0} ns")
  @ValueSource(longs = {1, 200_000_000, 1L << 28, 1_000_000_000, 5_000_000_000L})
  void shiftOverflowForLargeRetryNumbersIsCappedAtMaxDelay(long baseNanos) {
    RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofNanos(baseNanos)).maxDelay(ofSeconds(5)).build();
    Backoff highest = new Backoff(policy, () -> ALMOST_ONE);
    IntStream retries = IntStream.concat(IntStream.rangeClosed(1, 130), IntStream.of(1_000, Integer.MAX_VALUE));

    retries.forEach(retry -> assertThat(highest.delay(retry))
        .as("wait before retry %d", retry)
        .isGreaterThanOrEqualTo(Duration.ZERO)
        .isLessThan(ofSeconds(5)));
    assertThat(highest.delay(Integer.MAX_VALUE)).isGreaterThan(ofSeconds(5).minusNanos(1_000));
  }

  @Test
  void zeroBaseDelayNeverWaits() {
    RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ZERO).build();
    Backoff backoff = new Backoff(policy, () -> ALMOST_ONE);

    assertThat(IntStream.rangeClosed(1, 70).mapToObj(backoff::delay)).containsOnly(Duration.ZERO);
  }

  @Test
  void defaultRandomStaysWithinTheCeiling() {
    Backoff backoff = new Backoff(POLICY);

    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(2)))
        .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(ofMillis(400)));
  }
}
