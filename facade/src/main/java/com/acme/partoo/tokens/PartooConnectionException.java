package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** No HTTP answer came from Partoo: connection refused or reset, a timeout, or the client's deadline ran out. Retried as the policy allows before this is thrown. */
public final class PartooConnectionException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public PartooConnectionException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
