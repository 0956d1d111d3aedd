package com.acme.partoo.mock.internal;

/**
 * A request the server cannot read as HTTP/1.1: answered with {@link #status()} and a short page, then the connection
 * is closed (its framing can no longer be trusted). The message never quotes the request: a query may hold a token.
 */
final class MalformedRequest extends Exception {

  private final int status;

  MalformedRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  Answer answer() {
    return Answer.html(status, ResponseEncoder.reason(status), getMessage());
  }
}
