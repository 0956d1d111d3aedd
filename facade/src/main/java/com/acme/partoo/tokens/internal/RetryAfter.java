package com.acme.partoo.tokens.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. */
final class RetryAfter {

  // A bound on absurd values: a longer wait is treated as "past any deadline" anyway.
  private static final long MAX_SECONDS = Duration.ofDays(1).getSeconds();

  private RetryAfter() {}

  /**
   * The wait the header asks for, measured from {@code now}; zero for a date in the past; null when the header is
   * absent or unreadable (the caller then uses its own backoff).
   */
  public static @Nullable Duration parse(@Nullable String header, Instant now) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More digits than a long holds is as good as "very long".
      long seconds = value.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(value), MAX_SECONDS);
      return Duration.ofSeconds(seconds);
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      if (wait.isNegative()) {
        return Duration.ZERO;
      }
      return wait.getSeconds() > MAX_SECONDS ? Duration.ofSeconds(MAX_SECONDS) : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
