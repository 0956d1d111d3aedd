package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo answered with something this client cannot use: a malformed or incomplete body, a redirect, or a status the API does not document. Not retried; check the base URL, and report it with the request id if it persists. */
public final class UnexpectedResponseException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public UnexpectedResponseException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
