package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo answered with something this client cannot use: a malformed or incomplete body, a redirect, or a status the API does not document. Not retried; check the base URL, and report it with the request id if it persists. */
public final class UnexpectedResponseException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, Integer, String, String, int, Throwable)}. */
  public UnexpectedResponseException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, statusCode, partooMessage, requestId, attempts, cause);
  }
}
