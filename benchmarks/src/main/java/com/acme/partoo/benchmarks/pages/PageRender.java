package com.acme.partoo.benchmarks.pages;

import com.acme.partoo.mock.FakePartoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's bookings page, rendered by a signed-in user while the fake Partoo is healthy, slow (500 ms a request)
 * and hanging: the page as it is now, whose "Open Partoo" link is the login endpoint ({@code /bookings}), against the
 * old page that generated a token on every view ({@link PerViewBookingsPage}). Reports each page's render p50 and p99
 * and the Partoo requests per page view, from one service JVM per Partoo state, the two pages alternating view by view.
 * Requests are what the service's client sent ({@code partoo.client.attempts}, read from its actuator before and after
 * each view): the fake Partoo journals a request only once it answers it, which a hanging Partoo never does.
 * Figures, not verdicts: {@code benchmarks/run.sh --pages} (docs/performance.md, "Page render").
 */
public final class PageRender {

  /** The two pages: the link to the login endpoint, and the old per-view token. */
  enum Page {
    LINK("/bookings"), PER_VIEW(PerViewBookingsPage.PATH);

    final String path;

    Page(String path) {
      this.path = path;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What Partoo does while the pages render. */
  enum PartooState {
    HEALTHY(Duration.ZERO), SLOW(Duration.ofMillis(500)), HANGING(Duration.ofHours(1));

    final Duration delay;

    PartooState(Duration delay) {
      this.delay = delay;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The command line: {@code --repo DIR --views N --warmup N --states healthy,slow,hanging --out FILE}. */
  record Options(Path repo, int views, int warmup, List<PartooState> states, Path out) {

    static Options parse(String... args) {
      Path repo = Path.of("..");
      int views = 300;
      int warmup = 50;
      List<PartooState> states = List.of(PartooState.values());
      Path out = Path.of("target/pages.json");
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--repo" -> repo = Path.of(value);
          case "--views" -> views = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--states" -> states = Arrays.stream(value.split(","))
              .map(state -> PartooState.valueOf(state.strip().toUpperCase(Locale.ROOT))).toList();
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException("options come in pairs: --name value");
      }
      return new Options(repo, views, warmup, states, out);
    }
  }

  /** One page under one Partoo state: views measured, failed views, render percentiles, Partoo requests per view. */
  record Row(String page, String partoo, int views, int failedViews, double renderP50Ms, double renderP99Ms,
      double partooRequestsPerView) {}

  /** The run: its set-up and its rows, page by page within each state. */
  record Report(int views, int warmup, String deadline, List<Row> rows) {}

  private PageRender() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = run(options);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    json.writeValue(options.out().toFile(), report);
    Path markdown = options.out().resolveSibling("pages.md");
    Files.writeString(markdown, markdown(report));
    System.out.print(markdown(report));
    System.out.println("PageRender: wrote " + options.out() + " and " + markdown);
  }

  /** Runs every state of {@code options}, each in a fresh fake Partoo and a fresh service JVM. */
  static Report run(Options options) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    for (PartooState state : options.states()) {
      try (FakePartoo partoo = FakePartoo.withDefaults()) {
        Path log = options.out().toAbsolutePath().resolveSibling("pages-service-" + state.label() + ".log");
        Files.createDirectories(log.getParent());
        try (ServiceProcess service = ServiceProcess.start(options.repo(), partoo, log)) {
          Session alice = Session.signIn(service.port(), "alice", "alice-password");
          partoo.faults().delay(state.delay);
          for (int i = 0; i < options.warmup(); i++) {
            for (Page page : Page.values()) {
              alice.view(page.path);
            }
          }
          rows.addAll(measure(alice, state, options.views()));
        }
      }
    }
    return new Report(options.views(), options.warmup(), "3s (the example's partoo.deadline)", rows);
  }

  /** {@code views} views of each page, alternating which goes first, each timed and its Partoo requests counted. */
  private static List<Row> measure(Session session, PartooState state, int views)
      throws IOException, InterruptedException {
    Page[] pages = Page.values();
    long[][] nanos = new long[pages.length][views];
    int[] requests = new int[pages.length];
    int[] failed = new int[pages.length];
    for (int view = 0; view < views; view++) {
      for (int k = 0; k < pages.length; k++) {
        int p = (view + k) % pages.length; // alternate the order, so that neither page always follows the other
        long before = session.requestsSent();
        long started = System.nanoTime();
        int status = session.view(pages[p].path);
        nanos[p][view] = System.nanoTime() - started;
        requests[p] += (int) (session.requestsSent() - before);
        failed[p] += status == 200 ? 0 : 1;
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < pages.length; p++) {
      Arrays.sort(nanos[p]);
      rows.add(new Row(pages[p].label(), state.label(), views, failed[p], percentile(nanos[p], 50),
          percentile(nanos[p], 99), (double) requests[p] / views));
    }
    return rows;
  }

  /** Nearest-rank percentile of sorted {@code nanos}, in milliseconds. */
  static double percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** The report as the table of docs/performance.md, "Page render". */
  static String markdown(Report report) {
    StringBuilder table = new StringBuilder("## Page render\n\n")
        .append(report.views()).append(" views per page and Partoo state after ").append(report.warmup())
        .append(" warm-up views; client deadline ").append(report.deadline()).append(".\n\n")
        .append("| page | Partoo | render p50 (ms) | render p99 (ms) | Partoo requests per page view"
            + " | failed views |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Row row : report.rows()) {
      table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %d |%n", row.page(), row.partoo(),
          row.renderP50Ms(), row.renderP99Ms(), row.partooRequestsPerView(), row.failedViews()));
    }
    return table.toString();
  }

  /** One signed-in browser session, over plain HTTP with cookies; redirects are not followed. */
  private static final class Session {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    private Session(int port) {
      this.base = "http://127.0.0.1:" + port;
    }

    static Session signIn(int port, String user, String password) throws IOException, InterruptedException {
      Session session = new Session(port);
      String form = session.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))).body();
      Matcher csrf = CSRF.matcher(form);
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token in the sign-in form");
      }
      String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
          + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
      HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
      if (signedIn.headers().firstValue("Location").orElse("error").contains("error")) {
        throw new IllegalStateException("signing in as " + user + " failed");
      }
      return session;
    }

    /** Requests the service's client has sent to Partoo: the count of its {@code partoo.client.attempts} timer. */
    long requestsSent() throws IOException, InterruptedException {
      HttpResponse<String> attempts = send(HttpRequest.newBuilder(URI.create(base
          + "/actuator/metrics/partoo.client.attempts")));
      if (attempts.statusCode() == 404) { // registered on the first attempt
        return 0;
      }
      for (JsonNode measurement : JSON.readTree(attempts.body()).path("measurements")) {
        if (measurement.path("statistic").asText().equals("COUNT")) {
          return measurement.path("value").asLong();
        }
      }
      throw new IllegalStateException("no COUNT in the service's partoo.client.attempts: " + attempts.body());
    }

    /** GETs {@code path}; its status. */
    int view(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path))).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
