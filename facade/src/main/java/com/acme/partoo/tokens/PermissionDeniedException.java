package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** The API key's user may not do this (HTTP 403): generating, checking and revoking need WRITE access on the target user, and tokens cannot be generated for a user with the PROVIDER role. */
public final class PermissionDeniedException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public PermissionDeniedException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
