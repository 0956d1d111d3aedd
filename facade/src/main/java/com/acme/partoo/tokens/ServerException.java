package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo or a proxy in front of it failed (HTTP 5xx), after the retries the policy allows: try again later. */
public final class ServerException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public ServerException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
