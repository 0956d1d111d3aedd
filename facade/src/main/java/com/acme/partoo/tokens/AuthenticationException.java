package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo did not accept the API key (HTTP 401), or the configured key supplier gave none: check the key; retrying will not help. */
public final class AuthenticationException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public AuthenticationException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
