package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Faults;
import com.acme.partoo.mock.Journal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One test's share of a fake used by several tests at once: its own API keys, faults and journal. A request belongs
 * to the test whose key it carries (a login: whose key generated the token); one that carries no running test's key
 * belongs to every test running when it arrives. The journal shows the requests that belong to the test; a request
 * takes the oldest fault of the tests it belongs to and of the fake itself. Closing it ends all that. Thread-safe.
 */
public final class TestScope implements AutoCloseable {

  private final TestScopes scopes;
  private final int number;
  private final FaultSchedule faults;
  private final RequestJournal journal = new RequestJournal();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private volatile boolean open = true;

  TestScope(TestScopes scopes, int number, FaultSchedule faults) {
    this.scopes = scopes;
    this.number = number;
    this.faults = faults;
  }

  /** The faults only requests that belong to this test take. */
  public Faults faults() {
    return faults;
  }

  /** The requests that belonged to this test since it started. */
  public Journal journal() {
    return journal;
  }

  /**
   * The key this test sends instead of {@code declaredKey}: the fake treats it as {@code declaredKey} (same owner,
   * same access) while the test runs, and refuses it (401) afterwards.
   *
   * @throws IllegalStateException if the fake does not declare {@code declaredKey}
   */
  public String apiKey(String declaredKey) {
    return scopes.alias(this, declaredKey);
  }

  /** Whether the test still runs. */
  public boolean isOpen() {
    return open;
  }

  /** Ends the test's share: its keys stop working, its faults are dropped, its journal stops growing. */
  @Override
  public void close() {
    open = false;
    scopes.close(this);
  }

  int number() {
    return number;
  }

  FaultSchedule schedule() {
    return faults;
  }

  RequestJournal requests() {
    return journal;
  }

  void issued(String token) {
    tokens.add(token);
  }

  boolean issuedToken(String token) {
    return tokens.contains(token);
  }

  /** Its number only. */
  @Override
  public String toString() {
    return "TestScope[" + number + (open ? "" : ", closed") + "]";
  }
}
