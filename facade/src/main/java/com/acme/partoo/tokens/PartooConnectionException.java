package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/**
 * No HTTP answer came from Partoo: connection refused or reset, a timeout, or the client's deadline ran out, retried as
 * the policy allows before this is thrown. Its subclass {@link TransportConfigurationException} says the connection
 * could not be set up because of this service's own TLS or proxy settings (never retried).
 */
public class PartooConnectionException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public PartooConnectionException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
