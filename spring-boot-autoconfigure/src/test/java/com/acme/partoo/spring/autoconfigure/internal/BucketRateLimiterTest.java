package com.acme.partoo.spring.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-user limit: its allowance, its refill, and a memory bound that holds with millions of users. */
class BucketRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Test
  void aUserGetsTheLimitAMinuteThenWaitsForTheNextRefill() {
    BucketRateLimiter limiter = new BucketRateLimiter(10, 1_000, nanos::get);

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire("alice")).as("login %s", i + 1).isZero();
    }
    // Ten a minute, refilled greedily: the next one is 6 s away.
    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofSeconds(6));
    advance(Duration.ofSeconds(6));
    assertThat(limiter.tryAcquire("alice")).isZero();
    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void usersHaveAllowancesOfTheirOwn() {
    BucketRateLimiter limiter = new BucketRateLimiter(1, 1_000, nanos::get);

    assertThat(limiter.tryAcquire("alice")).isZero();
    assertThat(limiter.tryAcquire("alice")).isPositive();
    assertThat(limiter.tryAcquire("bob")).isZero();
  }

  @Test
  void aRefusedLoginDoesNotSpendTheAllowance() {
    BucketRateLimiter limiter = new BucketRateLimiter(1, 1_000, nanos::get);
    limiter.tryAcquire("alice");
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("alice");
    }

    advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("alice")).isZero();
  }

  @Test
  void aUserIdleForAMinuteIsForgottenWithNothingLost() {
    BucketRateLimiter limiter = new BucketRateLimiter(2, 1_000, nanos::get);
    limiter.tryAcquire("alice");
    limiter.tryAcquire("alice");

    advance(Duration.ofMinutes(1));
    limiter.buckets().cleanUp();
    assertThat(limiter.buckets().estimatedSize()).isZero();
    // Forgotten means full again, which a minute of refill would have given anyway.
    assertThat(limiter.tryAcquire("alice")).isZero();
    assertThat(limiter.tryAcquire("alice")).isZero();
  }

  @Test
  void millionsOfDistinctUsersWithinAMinuteStayWithinTheBound() {
    int bound = 10_000;
    BucketRateLimiter limiter = new BucketRateLimiter(10, bound, nanos::get);

    int allowed = 0;
    for (int user = 0; user < 1_000_000; user++) {
      allowed += limiter.tryAcquire("user-" + user).isZero() ? 1 : 0;
    }
    limiter.buckets().cleanUp();

    assertThat(allowed).as("every new user's first login").isEqualTo(1_000_000);
    // Caffeine's own accounting: the configured maximum, and what it holds after its upkeep ran.
    assertThat(limiter.buckets().policy().eviction()).hasValueSatisfying(
        eviction -> assertThat(eviction.getMaximum()).isEqualTo(bound));
    assertThat(limiter.buckets().estimatedSize()).isLessThanOrEqualTo(bound);
  }
}
