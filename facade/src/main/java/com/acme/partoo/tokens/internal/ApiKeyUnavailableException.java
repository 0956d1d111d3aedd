package com.acme.partoo.tokens.internal;

/** The API key could not be obtained or is malformed; raised before a request is created, so nothing is sent. */
final class ApiKeyUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ApiKeyUnavailableException(String problem) {
    super(problem, null, false, false);
  }
}
