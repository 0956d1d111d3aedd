package com.acme.partoo.it.support;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock listener that holds every served exchange to the spec, once the response is complete (faults and delayed
 * responses included). It runs on Jetty's threads, where a thrown assertion would be lost, so it records violations
 * and {@link WireMockPartoo} fails the test that caused them.
 */
final class ContractListener implements ServeEventListener {

  private final SpecContract contract;
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger checked = new AtomicInteger();

  ContractListener(SpecContract contract) {
    this.contract = contract;
  }

  @Override
  public String getName() {
    return "partoo-spec-contract";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public void afterComplete(ServeEvent event, Parameters parameters) {
    try {
      violations.addAll(contract.violations(event));
    } catch (RuntimeException e) {
      violations.add("the validator itself failed on " + event.getRequest().getMethod() + " "
          + event.getRequest().getUrl() + ": " + e);
    } finally {
      checked.incrementAndGet();
    }
  }

  /** Exchanges checked since the last {@link #reset()}. */
  int checked() {
    return checked.get();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  void reset() {
    violations.clear();
    checked.set(0);
  }
}
