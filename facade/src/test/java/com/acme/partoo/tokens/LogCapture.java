package com.acme.partoo.tokens;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures what one class logs during a test, through a Logback {@link ListAppender}, and keeps it off the console:
 * the warnings a test provokes on purpose should not look like problems in the build output.
 */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private boolean additive;

  LogCapture(Class<?> source) {
    this(source.getName());
  }

  /** For a class this package cannot see (a package-private one of {@code internal}). */
  LogCapture(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    appender.list.clear();
    appender.start();
    logger.addAppender(appender);
    additive = logger.isAdditive();
    logger.setAdditive(false);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.setAdditive(additive);
    logger.detachAppender(appender);
    appender.stop();
  }

  /** The formatted messages logged at WARN, in order. */
  List<String> warnings() {
    return appender.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
