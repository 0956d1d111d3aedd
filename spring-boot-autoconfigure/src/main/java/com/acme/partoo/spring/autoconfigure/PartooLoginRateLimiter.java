package com.acme.partoo.spring.autoconfigure;

import java.time.Duration;

/**
 * How many Partoo logins a user may start: asked once per login request, after the user is resolved and before
 * anything is sent. The default keeps a token bucket per user in memory ({@code partoo.login.rate-limit} a minute);
 * define a bean of your own to share the limit across instances (Bucket4j's Redis or JCache backends:
 * docs/spring-boot.md). Must be thread-safe and quick.
 */
@FunctionalInterface
public interface PartooLoginRateLimiter {

  /**
   * Takes one login from {@code partooUserId}'s allowance: {@link Duration#ZERO} when this login may go ahead, else
   * how long until the next one may (sent as {@code Retry-After}; nothing is sent to Partoo).
   */
  Duration tryAcquire(String partooUserId);
}
