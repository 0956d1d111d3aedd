package com.example.partoo.service;

import com.acme.partoo.tokens.PartooListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests the service's client starts to send to Partoo: a listener bean, which the starter adds to the
 * client. The fake Partoo's journal records a request when it answers it, so while the fake hangs only this shows
 * whether a request went out.
 */
final class SentRequests implements PartooListener {

  private final AtomicInteger started = new AtomicInteger();

  @Override
  public CallListener callStarted(CallStarted call) {
    return new CallListener() {
      @Override
      public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
        started.incrementAndGet();
      }
    };
  }

  /** Requests started so far, by every call of the client. */
  int count() {
    return started.get();
  }
}
