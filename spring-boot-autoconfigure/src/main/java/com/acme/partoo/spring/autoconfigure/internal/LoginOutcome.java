package com.acme.partoo.spring.autoconfigure.internal;

import java.util.Locale;

/** How a login request ended, as the {@code outcome} tag of {@code partoo.login.requests} says it. */
public enum LoginOutcome {
  /** The redirect endpoint minted a token and answered 303 to Partoo's login URL. */
  REDIRECTED,
  /** The token endpoint minted a token and answered it as JSON. */
  ISSUED,
  /** No signed-in user: 401, nothing sent. */
  UNAUTHENTICATED,
  /** Partoo refused a token for this user (403, 404). */
  REFUSED,
  /** The user's own limit: 429, nothing sent. */
  RATE_LIMITED,
  /** Partoo failing, slow past the deadline, throttling the key, or known down: 503. */
  UNAVAILABLE;

  /** The tag value, e.g. {@code rate_limited}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
