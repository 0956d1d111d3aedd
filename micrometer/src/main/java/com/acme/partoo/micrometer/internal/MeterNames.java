package com.acme.partoo.micrometer.internal;

/** The names of the meters and tags, in Micrometer's dotted lower-case style; changing one breaks dashboards. */
final class MeterNames {
  static final String CALLS = "partoo.client.calls";
  static final String ATTEMPTS = "partoo.client.attempts";
  static final String RETRIES = "partoo.client.retries";
  static final String BUDGET_EXHAUSTED = "partoo.client.retry.budget.exhausted";
  static final String BREAKER_STATE = "partoo.client.breaker.state";

  static final String OPERATION = "operation";
  static final String OUTCOME = "outcome";
  static final String ERROR = "error";
  static final String STATUS_CLASS = "status.class";
  static final String REASON = "reason";
  static final String STATE = "state";

  private MeterNames() {}
}
