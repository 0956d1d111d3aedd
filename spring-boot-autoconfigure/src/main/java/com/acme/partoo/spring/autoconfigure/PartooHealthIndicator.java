package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooHealth;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports a client's outage protection ({@link PartooClient#health()}) without sending anything to Partoo, so probes
 * may poll it freely: {@code UP} while calls go through, {@code OUT_OF_SERVICE} while the client refuses them (open,
 * half-open, or paused by Partoo's {@code Retry-After}), {@code UNKNOWN} when the protection is disabled. Details:
 * {@code state}, {@code since}, and when they apply {@code lastFailure}, {@code nextProbeAt}, {@code pausedUntil}.
 */
public final class PartooHealthIndicator implements HealthIndicator {

  private final PartooClient client;

  /** Reports {@code client}. */
  public PartooHealthIndicator(PartooClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Health health() {
    PartooHealth health = client.health();
    Health.Builder builder;
    if (health.state() == PartooHealth.State.DISABLED) {
      builder = Health.unknown();
    } else if (health.isAvailable()) {
      builder = Health.up();
    } else {
      builder = Health.outOfService();
    }
    builder.withDetail("state", health.state().name()).withDetail("since", health.since().toString());
    health.lastFailure().ifPresent(kind -> builder.withDetail("lastFailure", kind.name()));
    health.nextProbeAt().ifPresent(at -> builder.withDetail("nextProbeAt", at.toString()));
    health.pausedUntil().ifPresent(until -> builder.withDetail("pausedUntil", until.toString()));
    return builder.build();
  }
}
