package io.headersync.node.progress;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** The shape of log lines on standard error: plain text for people, JSON (one object a line) for collectors. */
public enum LogFormat {
  /** {@code logback.xml}: time, level, logger and message. */
  TEXT("logback.xml"),
  /** {@code logback-json.xml}: logback's JsonEncoder, one JSON object per line. */
  JSON("logback-json.xml");

  /** The format configured, or null while none is (a configuration failed half-way). */
  private static LogFormat active = TEXT;

  private final String resource;

  LogFormat(String resource) {
    this.resource = resource;
  }

  /** The value as typed on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Makes this the format of every later log line, by loading its logback configuration. Does
   * nothing if it already is the format, or when logging is not logback (a library user's choice).
   */
  public void apply() {
    synchronized (LogFormat.class) {
      if (active == this) {
        return;
      }
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      if (!(factory instanceof LoggerContext context)) {
        return;
      }
      URL config = LogFormat.class.getClassLoader().getResource(resource);
      if (config == null) {
        throw new IllegalStateException("missing logging configuration " + resource + " on the class path");
      }
      context.reset();
      active = null; // until the new configuration is in, neither format is
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      try {
        configurator.doConfigure(config);
      } catch (JoranException e) {
        throw new IllegalStateException("bad logging configuration " + resource + ": " + e.getMessage(), e);
      }
      active = this;
    }
  }

  /** The format in force. */
  public static LogFormat active() {
    synchronized (LogFormat.class) {
      return active;
    }
  }
}
