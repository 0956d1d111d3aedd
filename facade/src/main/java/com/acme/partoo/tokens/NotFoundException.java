package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo does not know the resource (HTTP 404), usually the user id or, when checking or revoking, the token. */
public final class NotFoundException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public NotFoundException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
