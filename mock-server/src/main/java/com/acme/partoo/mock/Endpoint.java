package com.acme.partoo.mock;

/** What a request was addressed to, as the {@link Journal} counts it; decided by the path alone. */
public enum Endpoint {
  /** {@code /v2/connection/generate_token}. */
  GENERATE_TOKEN,
  /** {@code /v2/connection/check_token}. */
  CHECK_TOKEN,
  /** {@code /v2/connection/revoke_token}. */
  REVOKE_TOKEN,
  /** {@code /app/connection}, the browser login with a connection token. */
  LOGIN,
  /** Any other path (answered 404 unless a fault answered first). */
  UNKNOWN
}
