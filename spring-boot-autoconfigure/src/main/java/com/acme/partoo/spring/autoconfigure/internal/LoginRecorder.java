package com.acme.partoo.spring.autoconfigure.internal;

/**
 * Where each login request's outcome goes: Micrometer's {@code partoo.login.requests} when the application has a
 * registry ({@link MicrometerLoginRecorder}), else nowhere. An interface so that the endpoints load no Micrometer
 * class when Micrometer is absent.
 */
@FunctionalInterface
public interface LoginRecorder {

  /** Records nothing. */
  LoginRecorder NONE = (endpoint, outcome, nanos) -> { };

  /** One request to {@code endpoint} ended with {@code outcome} after {@code nanos}. Never given a secret. */
  void record(LoginEndpoint endpoint, LoginOutcome outcome, long nanos);
}
