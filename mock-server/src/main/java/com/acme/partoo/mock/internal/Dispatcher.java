package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.RecordedRequest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the fake does with each request: find which tests it belongs to, wait the longest delay they or the fake set,
 * take the oldest fault scheduled for them or the fake if any, otherwise route it; record it in the fake's journal and
 * theirs before answering, so a client holding an answer can trust the journal. {@link #close()} releases the
 * requests a delay holds.
 */
final class Dispatcher implements RequestHandler {

  /** Where Partoo's REST API lives, below the server root. */
  static final String API_PREFIX = "/v2";
  /** Where the browser login page lives, below the server root. */
  static final String APP_PREFIX = "/app";

  private final Map<String, Route> routes;
  private final FaultSchedule faults;
  private final RequestJournal journal;
  private final TestScopes tests;
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * Serves {@code directory}'s users and keys, tokens from {@code tokens}, timestamps in {@code zone}; {@code faults}
   * and {@code journal} are the fake's own, {@code tests} the tests sharing it.
   */
  Dispatcher(Directory directory, TokenStore tokens, ZoneId zone, FaultSchedule faults, RequestJournal journal,
      TestScopes tests) {
    ConnectionTokenApi api = new ConnectionTokenApi(directory, tokens, new Timestamps(zone));
    LoginPage login = new LoginPage(tokens);
    this.routes = Map.of(
        API_PREFIX + "/connection/generate_token", new Route(Endpoint.GENERATE_TOKEN, "POST", api::generate),
        API_PREFIX + "/connection/check_token", new Route(Endpoint.CHECK_TOKEN, "GET", api::check),
        API_PREFIX + "/connection/revoke_token", new Route(Endpoint.REVOKE_TOKEN, "POST", api::revoke),
        APP_PREFIX + "/connection", new Route(Endpoint.LOGIN, "GET", login::login));
    this.faults = faults;
    this.journal = journal;
    this.tests = tests;
  }

  /** The answer, or empty for a dropped connection; never throws for a bad request. */
  @Override
  public Optional<Answer> answer(Request request) throws InterruptedException {
    Optional<Route> route = Optional.ofNullable(routes.get(request.path()));
    Endpoint endpoint = route.map(Route::endpoint).orElse(Endpoint.UNKNOWN);
    TestScopes.Attribution owners = tests.attribute(request, endpoint);
    List<FaultSchedule> schedules = owners.schedules(faults);
    Duration delay = FaultSchedule.longestDelay(schedules);
    if (!delay.isZero() && closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty(); // the fake is closing: cut off, as its connection is
    }
    Optional<Fault> fault = FaultSchedule.takeOldest(schedules);
    if (fault.isPresent() && fault.get().drops()) {
      record(owners, request.recorded(endpoint, RecordedRequest.NO_ANSWER));
      return Optional.empty();
    }
    Answer answer = fault.map(Fault::toAnswer).orElseGet(() -> route(route, owners.routed()));
    record(owners, request.recorded(endpoint, answer.status()));
    if (endpoint == Endpoint.GENERATE_TOKEN && answer.status() == 200) {
      // Before the answer leaves: a login with this token may follow at once, and belongs to the same test.
      owners.keyOwner().ifPresent(test -> test.issued(Answer.tokenOf(answer)));
    }
    return Optional.of(answer);
  }

  /** Releases every request held by a delay, unanswered, and holds none after; the fake is closing. */
  void close() {
    closed.countDown();
  }

  private void record(TestScopes.Attribution owners, RecordedRequest recorded) {
    owners.journals(journal).forEach(journal -> journal.record(recorded));
  }

  private static Answer route(Optional<Route> route, Request request) {
    try {
      if (route.isEmpty()) {
        throw Rejection.notFound();
      }
      if (!route.get().method().equals(request.method())) {
        throw Rejection.methodNotAllowed(route.get().method());
      }
      return route.get().handler().apply(request);
    } catch (Rejection rejection) {
      return rejection.answer();
    } catch (RuntimeException bug) {
      // A broken token generator or a bug in the fake: say so plainly rather than drop the connection.
      return Answer.html(500, "Fake Partoo failure", bug.toString());
    }
  }

  private record Route(Endpoint endpoint, String method, Function<Request, Answer> handler) {}
}
