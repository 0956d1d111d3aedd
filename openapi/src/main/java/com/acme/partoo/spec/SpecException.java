package com.acme.partoo.spec;

/** The spec cannot be used as the client needs it; the message names what is wrong, in one line. */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }
}
