package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo did not accept the API key (HTTP 401), or the configured key supplier gave none: check the key; retrying will not help. */
public final class AuthenticationException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public AuthenticationException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
