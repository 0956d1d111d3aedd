package com.acme.partoo.it.support;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock listener that holds every served exchange to the spec. It takes the exchange when the response is ready
 * to be sent (so faults, and delayed answers whose client gave up, are covered too) and validates it on its own
 * thread, so validation never slows an answer down and timeout tests measure only the stub's delay. Violations are
 * recorded, not thrown (a thrown assertion would be lost on a server thread); {@link WireMockPartoo} fails the test.
 */
final class ContractListener implements ServeEventListener {

  private final SpecContract contract;
  private final ExecutorService validation = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "spec-contract-validation");
    thread.setDaemon(true);
    return thread;
  });
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();
  // The validator is deterministic and takes milliseconds an exchange: identical exchanges (hundreds in the
  // concurrency tests) are validated once.
  private final Map<String, List<String>> verdicts = new ConcurrentHashMap<>();
  private final AtomicInteger submitted = new AtomicInteger();
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
  public void beforeResponseSent(ServeEvent event, Parameters parameters) {
    submitted.incrementAndGet();
    validation.execute(() -> {
      try {
        violations.addAll(verdicts.computeIfAbsent(fingerprint(event), key -> contract.violations(event)));
      } catch (RuntimeException e) {
        violations.add("the validator itself failed on " + event.getRequest().getMethod() + " "
            + event.getRequest().getUrl() + ": " + e);
      } finally {
        checked.incrementAndGet();
      }
    });
  }

  /** Everything the validator reads of an exchange. */
  private static String fingerprint(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    LoggedResponse response = event.getResponse();
    StringBuilder key = new StringBuilder()
        .append(request.getMethod()).append(' ').append(request.getUrl()).append('\n')
        .append(request.getHeaders()).append('\n')
        .append(request.getBodyAsString()).append('\n');
    if (response != null) {
      key.append(response.getStatus()).append(' ').append(response.getFault()).append('\n')
          .append(response.getHeaders()).append('\n')
          .append(response.getBodyAsString());
    }
    return key.toString();
  }

  /** Exchanges checked since the last {@link #reset()}. */
  int checked() {
    return checked.get();
  }

  /** Whether every exchange taken so far has been checked. Cheap: safe to poll. */
  boolean idle() {
    return checked.get() == submitted.get();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  void reset() {
    violations.clear();
    submitted.set(0);
    checked.set(0);
  }

  /** Called by WireMock when the server stops. */
  @Override
  public void stop() {
    validation.shutdownNow();
  }
}
