package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** Partoo or a proxy in front of it failed (HTTP 5xx), after the retries the policy allows: try again later. */
public final class ServerException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public ServerException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
