package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo does not know the resource (HTTP 404), usually the user id or, when checking or revoking, the token. */
public final class NotFoundException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public NotFoundException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
