package dev.fidelius.operator.reconciler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the operator logs while a test runs, down to DEBUG, kept in memory (and not printed)
 * so that a test can prove no value was ever logged.
 */
final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.fidelius");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previousLevel = logger.getLevel();
  private final boolean previousAdditivity = logger.isAdditive();

  LogCapture() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
  }

  /** How many events were captured. */
  int size() {
    synchronized (appender.list) {
      return appender.list.size();
    }
  }

  /** True when a captured message, argument or exception message contains {@code text}. */
  boolean contains(String text) {
    List<ILoggingEvent> events;
    synchronized (appender.list) {
      events = List.copyOf(appender.list);
    }
    for (ILoggingEvent event : events) {
      if (event.getFormattedMessage() != null && event.getFormattedMessage().contains(text)) {
        return true;
      }
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        if (t.getMessage() != null && t.getMessage().contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditivity);
    appender.stop();
  }
}
