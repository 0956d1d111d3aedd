package com.acme.partoo.it.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.acme.partoo.tokens.PartooException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Registered for every test class of the suite (JUnit extension auto-detection, see {@code junit-platform.properties}):
 * captures every log line of the whole run, with the facade and OkHttp at DEBUG, and every exception the tests
 * {@linkplain #inspect inspect}, and fails the test after which one of the {@link TestSecrets} appears in full in any
 * of them: a message, a {@code toString}, a cause or a suppressed exception, at any depth. Tokens may appear masked
 * (first characters then {@code ****}), never whole; the API key not at all.
 */
public final class SecretsGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static final Queue<Throwable> EXCEPTIONS = new ConcurrentLinkedQueue<>();
  // The loggers whose DEBUG output the suite reads. OkHttp logs through java.util.logging, bridged to SLF4J.
  private static final String[] DEBUG_LOGGERS = {"com.acme.partoo", "okhttp3"};
  // Strong references: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
  private static final List<java.util.logging.Logger> JUL_LOGGERS = new ArrayList<>();
  private static boolean installed;
  private static int checkedUpTo;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check(context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Lines logged outside any test (class set-up, late asynchronous work) are checked too.
    check(context.getDisplayName() + " (after all)");
  }

  /** Queues {@code failure} for inspection after the test; returns it. */
  public static <T extends Throwable> T inspect(T failure) {
    EXCEPTIONS.add(failure);
    return failure;
  }

  /** Log lines captured since the suite started; pass it to {@link #linesFrom} to read what a test logged. */
  public static int linesCaptured() {
    synchronized (LOG) {
      return LOG.list.size();
    }
  }

  /** The captured log lines from index {@code from} on, formatted. */
  public static List<String> linesFrom(int from) {
    List<String> lines = new ArrayList<>();
    synchronized (LOG) {
      for (ILoggingEvent event : LOG.list.subList(from, LOG.list.size())) {
        lines.add(render(event));
      }
    }
    return lines;
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    LOG.setContext(logback);
    LOG.setName("secrets-guard");
    LOG.start();
    logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
    for (String name : DEBUG_LOGGERS) {
      logback.getLogger(name).setLevel(Level.DEBUG);
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    java.util.logging.Logger okHttp = java.util.logging.Logger.getLogger("okhttp3");
    okHttp.setLevel(java.util.logging.Level.FINE);
    JUL_LOGGERS.add(okHttp);
    installed = true;
  }

  private static synchronized void check(String where) {
    List<String> leaks = new ArrayList<>();
    Set<String> secrets = TestSecrets.all();
    List<String> lines;
    synchronized (LOG) {
      lines = new ArrayList<>();
      for (ILoggingEvent event : LOG.list.subList(checkedUpTo, LOG.list.size())) {
        lines.add(render(event));
      }
      checkedUpTo = LOG.list.size();
    }
    for (String line : lines) {
      leak(secrets, "log line", line, leaks);
    }
    Throwable failure;
    while ((failure = EXCEPTIONS.poll()) != null) {
      for (Throwable each : graph(failure)) {
        leak(secrets, each.getClass().getSimpleName() + " message", String.valueOf(each.getMessage()), leaks);
        leak(secrets, each.getClass().getSimpleName() + " toString", each.toString(), leaks);
        if (each instanceof PartooException partoo) {
          leak(secrets, "partooMessage", partoo.partooMessage().orElse(""), leaks);
        }
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("A secret leaked in " + where + ":\n  " + String.join("\n  ", leaks));
    }
  }

  private static void leak(Set<String> secrets, String what, String text, List<String> leaks) {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        // Never repeat the secret itself in the failure: show where it was.
        leaks.add(what + ": " + text.replace(secret, "<" + (secret.equals(TestSecrets.API_KEY) ? "API KEY" : "TOKEN")
            + " IN FULL>"));
      }
    }
  }

  /** {@code failure}, its causes and suppressed exceptions, recursively, each once. */
  private static List<Throwable> graph(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> order = new ArrayList<>();
    List<Throwable> pending = new ArrayList<>(List.of(failure));
    while (!pending.isEmpty()) {
      Throwable next = pending.remove(pending.size() - 1);
      if (next == null || !seen.add(next)) {
        continue;
      }
      order.add(next);
      pending.add(next.getCause());
      pending.addAll(List.of(next.getSuppressed()));
      if (next instanceof CompletionException || next instanceof ExecutionException) {
        pending.add(next.getCause());
      }
    }
    return order;
  }

  private static String render(ILoggingEvent event) {
    StringBuilder line = new StringBuilder()
        .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" [")
        .append(event.getThreadName()).append("] ").append(event.getFormattedMessage());
    event.getMDCPropertyMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      // Includes every cause and suppressed exception, as an appender would print them.
      line.append('\n').append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString();
  }
}
