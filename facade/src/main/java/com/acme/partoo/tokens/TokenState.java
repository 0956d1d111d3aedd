package com.acme.partoo.tokens;

/** Where a connection token is in its life, as Partoo reports it. */
public enum TokenState {
  /** Can still be used to log in. */
  VALID,
  /** Was used to log in; it cannot be used again. */
  CONSUMED,
  /** Was revoked before being used or expiring. */
  REVOKED,
  /** Expired before being used. */
  EXPIRED,
  /** A status this version of the library does not know (Partoo added one): treat the token as unusable. */
  UNKNOWN
}
