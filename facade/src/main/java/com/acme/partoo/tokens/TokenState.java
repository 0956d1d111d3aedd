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
  UNKNOWN;

  /** The state for Partoo's {@code status} value ({@code "valid"} → {@link #VALID}); {@link #UNKNOWN} for any other. */
  public static TokenState fromStatus(String status) {
    return switch (status) {
      case "valid" -> VALID;
      case "consumed" -> CONSUMED;
      case "revoked" -> REVOKED;
      case "expired" -> EXPIRED;
      default -> UNKNOWN;
    };
  }
}
