package com.acme.partoo.tokens;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client's outage protection thinks of Partoo right now: {@link PartooClient#health()}. Reading it sends
 * nothing, so a health check can poll it as often as it likes. Carries no secret.
 *
 * @param state closed (calls go through), open (calls fail at once, unsent), half-open (a few probes go through)
 * @param since when the protection entered this state (the client's start for the first {@link State#CLOSED})
 * @param lastFailure what the last call that counted against Partoo ended with, if any did
 * @param nextProbeAt while {@link State#OPEN}: when calls may try again
 * @param pausedUntil while Partoo's {@code Retry-After} pauses the whole client: until when
 */
public record PartooHealth(
    State state,
    Instant since,
    Optional<FailureKind> lastFailure,
    Optional<Instant> nextProbeAt,
    Optional<Instant> pausedUntil) {

  /** Checks that no component is null. */
  public PartooHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(nextProbeAt, "nextProbeAt");
    Objects.requireNonNull(pausedUntil, "pausedUntil");
  }

  /** Whether calls are sent: the protection is closed or disabled, and Partoo asked for no pause. */
  public boolean isAvailable() {
    return (state == State.CLOSED || state == State.DISABLED) && pausedUntil.isEmpty();
  }

  /** The outage protection's states, as a circuit breaker's. */
  public enum State {
    /** Partoo looks up: calls go through. */
    CLOSED,
    /** Partoo looked down for long enough: a few probe calls go through to see whether it is back. */
    HALF_OPEN,
    /** Partoo looks down: calls fail at once with {@link PartooUnavailableException}, nothing sent. */
    OPEN,
    /** The protection is switched off ({@link OutagePolicy#disabled()}): calls always go through. */
    DISABLED
  }
}
