package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.PartooLoginRateLimiter;
import com.acme.partoo.tokens.Ticker;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * The default {@link PartooLoginRateLimiter}: a Bucket4j token bucket per user (capacity {@code perMinute}, refilled
 * greedily over a minute), kept in a Caffeine cache bounded in size. A bucket left alone for a minute is full again,
 * so forgetting it then changes nothing: entries expire a minute after their last use. Past {@code maxUsers} active
 * users Caffeine evicts the least useful entries, whose users start again with a full allowance: the bound can make
 * the limit more lenient, never stricter.
 */
public final class BucketRateLimiter implements PartooLoginRateLimiter {

  private final Cache<String, Bucket> buckets;
  private final int perMinute;
  private final TimeMeter time;

  /** A limiter on the system's monotonic clock. */
  public BucketRateLimiter(int perMinute, int maxUsers) {
    this(perMinute, maxUsers, Ticker.system());
  }

  /** A limiter reading {@code ticker}, for tests that move time by hand. */
  BucketRateLimiter(int perMinute, int maxUsers, Ticker ticker) {
    this.perMinute = perMinute;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxUsers)
        .expireAfterAccess(LoginSettings.RATE_LIMIT_PERIOD)
        .ticker(ticker::read)
        // Upkeep on the calling thread, a few entries at a time: no task on the common pool, nothing left running.
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Duration tryAcquire(String partooUserId) {
    ConsumptionProbe probe = buckets.get(partooUserId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, LoginSettings.RATE_LIMIT_PERIOD))
        .withCustomTimePrecision(time)
        .build();
  }

  /** The cache, for tests that check its bound through Caffeine's own accounting. */
  Cache<String, Bucket> buckets() {
    return buckets;
  }
}
