package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/** No HTTP answer came from Partoo: connection refused or reset, a timeout, or the client's deadline ran out. Retried as the policy allows before this is thrown. */
public final class PartooConnectionException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public PartooConnectionException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
