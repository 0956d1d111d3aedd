package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.RecordedRequest;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the fake does with each request: wait the configured delay, take the next scheduled fault if any, otherwise
 * route it; record it in the journal before answering, so a client holding an answer can trust the journal.
 */
final class Dispatcher implements RequestHandler {

  /** Where Partoo's REST API lives, below the server root. */
  static final String API_PREFIX = "/v2";
  /** Where the browser login page lives, below the server root. */
  static final String APP_PREFIX = "/app";

  private final Map<String, Route> routes;
  private final FaultSchedule faults;
  private final RequestJournal journal;

  /** Serves {@code directory}'s users and keys, tokens from {@code tokens}, timestamps in {@code zone}. */
  Dispatcher(Directory directory, TokenStore tokens, ZoneId zone, FaultSchedule faults, RequestJournal journal) {
    ConnectionTokenApi api = new ConnectionTokenApi(directory, tokens, new Timestamps(zone));
    LoginPage login = new LoginPage(tokens);
    this.routes = Map.of(
        API_PREFIX + "/connection/generate_token", new Route(Endpoint.GENERATE_TOKEN, "POST", api::generate),
        API_PREFIX + "/connection/check_token", new Route(Endpoint.CHECK_TOKEN, "GET", api::check),
        API_PREFIX + "/connection/revoke_token", new Route(Endpoint.REVOKE_TOKEN, "POST", api::revoke),
        APP_PREFIX + "/connection", new Route(Endpoint.LOGIN, "GET", login::login));
    this.faults = faults;
    this.journal = journal;
  }

  /** The answer, or empty for a dropped connection; never throws for a bad request. */
  @Override
  public Optional<Answer> answer(Request request) throws InterruptedException {
    Optional<Route> route = Optional.ofNullable(routes.get(request.path()));
    Endpoint endpoint = route.map(Route::endpoint).orElse(Endpoint.UNKNOWN);
    faults.awaitDelay();
    Optional<Fault> fault = faults.next();
    if (fault.isPresent() && fault.get().drops()) {
      journal.record(request.recorded(endpoint, RecordedRequest.NO_ANSWER));
      return Optional.empty();
    }
    Answer answer = fault.map(Fault::toAnswer).orElseGet(() -> route(route, request));
    journal.record(request.recorded(endpoint, answer.status()));
    return Optional.of(answer);
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
