package com.acme.partoo.benchmarks.outage;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooUnavailableException;
import com.acme.partoo.tokens.RateLimitedException;
import com.acme.partoo.tokens.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service's fleet: {@code clients} instances, each with its own {@link PartooClient} (as each instance of a service
 * builds one), each driven by {@code threads} request threads doing page views in a closed loop: generate a token
 * with the client's deadline, build its login URL, think, again. Every page view is logged on its thread: when it
 * ended, how long it took, how it ended ({@link Outcome}); every change of a client's health too, and its first 429.
 */
final class Fleet implements AutoCloseable {

  /** How a page view ended, as logged in codes. */
  enum Outcome {
    /** A token, so a login link on the page. */
    OK,
    /** {@link PartooUnavailableException}: refused at once by the outage protection or a pause, nothing sent. */
    REFUSED,
    /** {@link PartooConnectionException}: no answer in time (the deadline) or none at all. */
    NO_ANSWER,
    /** {@link ServerException}: HTTP 5xx after the retries the deadline and the budget allowed. */
    SERVER,
    /** {@link RateLimitedException}: HTTP 429. */
    RATE_LIMITED,
    /** Any other {@link PartooException}. */
    OTHER;

    static Outcome of(PartooException e) {
      return e instanceof PartooUnavailableException ? REFUSED
          : e instanceof PartooConnectionException ? NO_ANSWER
          : e instanceof ServerException ? SERVER
          : e instanceof RateLimitedException ? RATE_LIMITED
          : OTHER;
    }
  }

  /** In {@link #firstRateLimited()}: no 429 came. */
  static final long NEVER = Long.MIN_VALUE;

  private static final String API_KEY = "outage-sim-key-3b9e6f0c2d";

  private final List<PartooClient> clients = new ArrayList<>();
  private final List<EventLog> pageViews = new ArrayList<>();
  private final List<ClientLog> logs = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final long thinkMillis;
  private volatile long stopAt;

  /**
   * @param baseUrls one per client
   * @param deadline each page view's bound on its Partoo call
   */
  Fleet(List<String> baseUrls, int threadsPerClient, Duration deadline, Duration think, OutagePolicy policy) {
    this.thinkMillis = think.toMillis();
    for (int c = 0; c < baseUrls.size(); c++) {
      ClientLog clientLog = new ClientLog();
      logs.add(clientLog);
      PartooClient client = PartooClient.builder()
          .apiKey(API_KEY)
          .baseUrl(baseUrls.get(c))
          .deadline(deadline)
          .outagePolicy(policy)
          .listener(clientLog)
          .userAgentSuffix("outage-simulation/" + c)
          .build();
      clients.add(client);
      for (int t = 0; t < threadsPerClient; t++) {
        EventLog log = new EventLog();
        pageViews.add(log);
        String userId = "sim-user-" + c + "-" + t;
        Thread thread =
            new Thread(() -> pageViews(client.connectionTokens(), userId, log), "page-views-" + c + "-" + t);
        thread.setDaemon(true);
        threads.add(thread);
      }
    }
  }

  /** Starts every thread; each does page views until {@link #stopAt}. */
  void start() {
    stopAt = System.nanoTime() + TimeUnit.DAYS.toNanos(1);
    threads.forEach(Thread::start);
  }

  /** No page view starts at or after {@code nanos} (a {@link System#nanoTime()} reading). */
  void stopAt(long nanos) {
    stopAt = nanos;
  }

  /** Waits for the page views under way to end (each within its deadline). */
  void join() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Every page view so far, sorted by the time it ended: duration as value, {@link Outcome} as code. */
  EventLog.Events pageViews() {
    return EventLog.Events.sorted(pageViews.stream().map(EventLog::snapshot).toList());
  }

  /** The page views that ended at or after {@code nanos}, sorted by the time they ended. */
  EventLog.Events pageViewsSince(long nanos) {
    return EventLog.Events.sorted(pageViews.stream().map(log -> log.snapshot().since(nanos)).toList());
  }

  /** Every change of a client's health: the client as value, the new {@link PartooHealth.State} as code. */
  EventLog.Events healthChanges() {
    List<EventLog.Events> perClient = new ArrayList<>();
    for (int c = 0; c < logs.size(); c++) {
      EventLog.Events changes = logs.get(c).changes.snapshot();
      long[] client = new long[changes.size()];
      Arrays.fill(client, c);
      perClient.add(new EventLog.Events(changes.times(), client, changes.codes()));
    }
    return EventLog.Events.sorted(perClient);
  }

  /** When each client first got a 429 ({@link System#nanoTime()}), {@link #NEVER} if it did not. */
  long[] firstRateLimited() {
    return logs.stream().mapToLong(log -> log.firstRateLimited.get()).toArray();
  }

  @Override
  public void close() {
    stopAt(System.nanoTime());
    threads.forEach(Thread::interrupt);
    clients.forEach(PartooClient::close);
  }

  private void pageViews(ConnectionTokens tokens, String userId, EventLog log) {
    try {
      while (System.nanoTime() - stopAt < 0) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
          ConnectionToken token = tokens.generate(userId);
          tokens.loginUrl(token.token());
          outcome = Outcome.OK;
        } catch (PartooException e) {
          outcome = Outcome.of(e);
        }
        long end = System.nanoTime();
        log.add(end, end - start, outcome.ordinal());
        Thread.sleep(thinkMillis);
      }
    } catch (InterruptedException e) {
      // closed
    } catch (IllegalStateException e) {
      // the client was closed under a page view: the run is over
    }
  }

  /**
   * A client's listener: logs its health changes (they come from whichever thread's call caused them, one at a time)
   * and when it first got a 429.
   */
  private static final class ClientLog implements PartooListener, PartooListener.CallListener {
    private final EventLog changes = new EventLog();
    private final AtomicLong firstRateLimited = new AtomicLong(NEVER);

    @Override
    public synchronized void healthChanged(PartooHealth previous, PartooHealth current) {
      changes.add(System.nanoTime(), 0, current.state().ordinal());
    }

    @Override
    public CallListener callStarted(CallStarted call) {
      return this;
    }

    @Override
    public void attemptEnded(AttemptEnded attempt) {
      if (attempt.statusCode().orElse(0) == 429 && firstRateLimited.get() == NEVER) {
        firstRateLimited.compareAndSet(NEVER, System.nanoTime());
      }
    }
  }
}
