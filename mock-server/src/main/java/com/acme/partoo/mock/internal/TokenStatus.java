package com.acme.partoo.mock.internal;

import java.util.Locale;

/** The {@code status} of a connection token, as {@code check_token} reports it. */
enum TokenStatus {
  /** Can be used to log in. */
  VALID,
  /** Was used to log in. */
  CONSUMED,
  /** Was revoked before being used or expiring. */
  REVOKED,
  /** Expired before being used. */
  EXPIRED;

  /** The lower-case name Partoo puts on the wire. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
