package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tests sharing one fake, and which of them a request belongs to. Requests carry nothing that names a test but
 * what the test put in them, so each test gets API keys of its own ({@link TestScope#apiKey(String)}): an alias of a
 * declared key, valid while the test runs. See {@link TestScope} for what belongs to whom.
 */
final class TestScopes {

  private final Directory directory;
  private final FaultSchedule fakeFaults;
  private final RequestJournal fakeJournal;
  private final AtomicLong faultOrder;
  private final AtomicInteger numbers = new AtomicInteger();
  private final List<TestScope> running = new CopyOnWriteArrayList<>();
  private final Map<String, Alias> aliases = new ConcurrentHashMap<>();

  /** The fake's own faults and journal are cleared when a test starts while no other runs. */
  TestScopes(Directory directory, FaultSchedule fakeFaults, RequestJournal fakeJournal, AtomicLong faultOrder) {
    this.directory = directory;
    this.fakeFaults = fakeFaults;
    this.fakeJournal = fakeJournal;
    this.faultOrder = faultOrder;
  }

  /** An alias key and the declared key it stands for in one test. */
  private record Alias(TestScope scope, String declaredKey) {}

  /**
   * Who a request belongs to: the tests whose journals record it and whose faults it may take, and the request to
   * route, with a test's alias key replaced by the declared key it stands for.
   *
   * @param routed what the handlers see
   * @param owners the tests it belongs to (all running ones when it carries no test's key)
   * @param keyOwner the one test whose key it carries, if any
   */
  record Attribution(Request routed, List<TestScope> owners, Optional<TestScope> keyOwner) {

    List<FaultSchedule> schedules(FaultSchedule fakeFaults) {
      List<FaultSchedule> schedules = new ArrayList<>(owners.size() + 1);
      schedules.add(fakeFaults);
      owners.forEach(owner -> schedules.add(owner.schedule()));
      return schedules;
    }

    List<RequestJournal> journals(RequestJournal fakeJournal) {
      List<RequestJournal> journals = new ArrayList<>(owners.size() + 1);
      journals.add(fakeJournal);
      owners.forEach(owner -> journals.add(owner.requests()));
      return journals;
    }
  }

  /** A test starts; if none other runs, the fake's own faults and journal start afresh too, as they did per test. */
  synchronized TestScope open() {
    if (running.isEmpty()) {
      fakeFaults.clear();
      fakeJournal.clear();
    }
    TestScope scope = new TestScope(this, numbers.incrementAndGet(), new FaultSchedule(faultOrder));
    running.add(scope);
    return scope;
  }

  synchronized void close(TestScope scope) {
    running.remove(scope);
    aliases.values().removeIf(alias -> alias.scope() == scope);
    scope.schedule().clear();
  }

  String alias(TestScope scope, String declaredKey) {
    if (directory.grant(declaredKey).isEmpty()) {
      throw new IllegalStateException("this API key is not declared by the fake Partoo: declare it with apiKey(...) "
          + "on the builder");
    }
    if (!scope.isOpen()) {
      throw new IllegalStateException("the test has ended: its keys no longer work");
    }
    // Visible ASCII, like any key a client may check; unique per test and declared key.
    String alias = declaredKey + "~test-" + scope.number();
    aliases.putIfAbsent(alias, new Alias(scope, declaredKey));
    return alias;
  }

  Attribution attribute(Request sent, Endpoint endpoint) {
    Optional<Alias> alias = sent.header(ConnectionTokenApi.API_KEY_HEADER).map(aliases::get)
        .filter(found -> found.scope().isOpen());
    if (alias.isPresent()) {
      TestScope owner = alias.get().scope();
      Request routed = sent.withHeader(ConnectionTokenApi.API_KEY_HEADER, alias.get().declaredKey());
      return new Attribution(routed, List.of(owner), Optional.of(owner));
    }
    if (endpoint == Endpoint.LOGIN) {
      Optional<String> token = sent.queryParameter(LoginPage.PARAMETER);
      Optional<TestScope> generator = running.stream()
          .filter(scope -> token.filter(scope::issuedToken).isPresent()).findFirst();
      if (generator.isPresent()) {
        return new Attribution(sent, List.of(generator.get()), Optional.empty());
      }
    }
    return new Attribution(sent, List.copyOf(running), Optional.empty());
  }
}
