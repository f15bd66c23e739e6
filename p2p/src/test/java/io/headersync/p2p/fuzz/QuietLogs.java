package io.headersync.p2p.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises one logger's level for the length of a block: the eth session logs every peer it drops
 * at INFO, which is right in production and twenty thousand lines in a fuzz run.
 */
final class QuietLogs implements AutoCloseable {

  private final Logger logger;
  private final Level previous;

  private QuietLogs(Class<?> owner) {
    logger = (Logger) LoggerFactory.getLogger(owner);
    previous = logger.getLevel();
    logger.setLevel(Level.WARN);
  }

  static QuietLogs of(Class<?> owner) {
    return new QuietLogs(owner);
  }

  @Override
  public void close() {
    logger.setLevel(previous);
  }
}
