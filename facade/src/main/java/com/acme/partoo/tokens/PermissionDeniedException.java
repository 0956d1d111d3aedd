package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** The API key's user may not do this (HTTP 403): generating, checking and revoking need WRITE access on the target user, and tokens cannot be generated for a user with the PROVIDER role. */
public final class PermissionDeniedException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public PermissionDeniedException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
