package com.acme.partoo.tokens;

import org.jspecify.annotations.Nullable;

/**
 * The {@link PartooClient} was closed while this call was in flight or waiting to retry: the call was stopped and
 * nothing more was sent. Expected while a service shuts down; retrying on this client will not help. (A call started
 * after {@link PartooClient#close()} throws {@link IllegalStateException} instead: that is a bug in the caller.)
 */
public final class ClientClosedException extends PartooException {
  private static final long serialVersionUID = 1L;

  /** See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}. */
  public ClientClosedException(String message, Details details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
