package com.acme.partoo.mock.internal;

import java.util.Optional;

/** What the server asks of the fake for each request it reads. */
@FunctionalInterface
interface RequestHandler {

  /**
   * The answer to {@code request}, or empty to close the connection without answering.
   *
   * @throws InterruptedException if the server stops while the answer is held back
   */
  Optional<Answer> answer(Request request) throws InterruptedException;
}
