package com.acme.partoo.spring.autoconfigure.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records {@code partoo.login.requests}, a timer tagged {@code endpoint} ({@code login}, {@code token}) and
 * {@code outcome} ({@link LoginOutcome#tag()}): both low-cardinality, never a user id, a token or a key.
 */
public final class MicrometerLoginRecorder implements LoginRecorder {

  /** The meter's name. */
  public static final String NAME = "partoo.login.requests";

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public MicrometerLoginRecorder(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(LoginEndpoint endpoint, LoginOutcome outcome, long nanos) {
    Timer.builder(NAME)
        .description("Requests to the Partoo login endpoints, by outcome")
        .tag("endpoint", endpoint.tag())
        .tag("outcome", outcome.tag())
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
