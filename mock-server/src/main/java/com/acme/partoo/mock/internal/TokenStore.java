package com.acme.partoo.mock.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every connection token the fake issued and still knows, and the only place their state changes. One lock guards it
 * all, so that a token is consumed or revoked at most once however many threads try; the fake is not built for
 * throughput. A token is forgotten once it has been expired for the retention period, whatever its status: a long
 * run keeps only the tokens that expired recently, and a forgotten token is as unknown as one never issued.
 */
final class TokenStore {

  // A generator that keeps repeating itself is broken; say so rather than loop forever.
  private static final int MAX_GENERATION_ATTEMPTS = 10;

  private final Clock clock;
  private final Supplier<String> generator;
  private final Duration retention;
  private final Map<String, IssuedToken> byToken = new HashMap<>();
  // Earliest to forget first; each token is queued once, when issued, since its expiry never changes.
  private final Queue<IssuedToken> byForgetting = new PriorityQueue<>(Comparator.comparing(IssuedToken::expires));

  /**
   * Tokens expire by {@code clock} and are forgotten {@code retention} after their expiry; {@code generator} makes
   * each token text (it must not return null or blank).
   */
  TokenStore(Clock clock, Supplier<String> generator, Duration retention) {
    this.clock = clock;
    this.generator = generator;
    this.retention = retention;
  }

  /** The current instant, at Partoo's precision (microseconds). */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  synchronized IssuedToken issue(String userId, String generatedBy, Duration ttl) {
    Instant now = forgetExpired();
    IssuedToken issued = new IssuedToken(uniqueToken(), userId, generatedBy, now, now.plus(ttl), null, null);
    byToken.put(issued.token(), issued);
    byForgetting.add(issued);
    return issued;
  }

  /** The token if it is known and was issued for {@code userId}: another user's token is as good as unknown. */
  synchronized Optional<IssuedToken> find(String userId, String token) {
    forgetExpired();
    return Optional.ofNullable(byToken.get(token)).filter(issued -> issued.userId().equals(userId));
  }

  /** Logs in with {@code token}: consumes it if valid. Empty if the token is unknown. */
  synchronized Optional<Attempt> consume(String token) {
    forgetExpired();
    return Optional.ofNullable(byToken.get(token)).map(issued -> apply(issued, issued::consumedAt));
  }

  /** Revokes {@code userId}'s {@code token} if valid. Empty if the token is unknown for that user. */
  synchronized Optional<Attempt> revoke(String userId, String token) {
    return find(userId, token).map(issued -> apply(issued, issued::revokedAt));
  }

  /** How many tokens the store still knows, forgotten ones excluded. */
  synchronized int size() {
    forgetExpired();
    return byToken.size();
  }

  /** Drops every token expired for the retention period or longer; returns the instant it judged by. */
  private Instant forgetExpired() {
    Instant now = now();
    Instant expiredBefore = now.minus(retention);
    while (!byForgetting.isEmpty() && !byForgetting.peek().expires().isAfter(expiredBefore)) {
      byToken.remove(byForgetting.poll().token());
    }
    return now;
  }

  private Attempt apply(IssuedToken issued, Function<Instant, IssuedToken> change) {
    Instant now = now();
    TokenStatus before = issued.status(now);
    if (before != TokenStatus.VALID) {
      return new Attempt(issued, before);
    }
    IssuedToken changed = change.apply(now);
    byToken.put(changed.token(), changed);
    return new Attempt(changed, before);
  }

  private String uniqueToken() {
    for (int attempt = 0; attempt < MAX_GENERATION_ATTEMPTS; attempt++) {
      String token = generator.get();
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("the token generator returned a null or blank token");
      }
      if (!byToken.containsKey(token)) {
        return token;
      }
    }
    throw new IllegalStateException(
        "the token generator returned tokens already issued " + MAX_GENERATION_ATTEMPTS + " times in a row");
  }

  /**
   * The outcome of consuming or revoking: the token afterwards, and its status before the attempt, which says why
   * nothing changed when it was not {@code VALID}.
   */
  record Attempt(IssuedToken token, TokenStatus before) {

    boolean succeeded() {
      return before == TokenStatus.VALID;
    }
  }
}
