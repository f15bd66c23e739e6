package io.headersync.bench.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/** Counts ERROR log events of the whole process (and keeps the first few), whatever the log level shown. */
final class ErrorCounter extends AppenderBase<ILoggingEvent> {

  private static final int KEPT = 10;

  private final AtomicLong errors = new AtomicLong();
  private final List<String> first = new ArrayList<>();

  static ErrorCounter install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ErrorCounter counter = new ErrorCounter();
    counter.setContext(context);
    counter.setName("soak-error-counter");
    counter.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(counter);
    return counter;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      errors.incrementAndGet();
      synchronized (first) {
        if (first.size() < KEPT) {
          first.add(event.getLoggerName() + ": " + event.getFormattedMessage());
        }
      }
    }
  }

  long count() {
    return errors.get();
  }

  List<String> first() {
    synchronized (first) {
      return List.copyOf(first);
    }
  }
}
