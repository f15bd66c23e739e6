package io.headersync.node.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where progress goes: a bar redrawn on a terminal, plain log lines, or nowhere. */
public interface ProgressOutput {

  /** Shows {@code s}; {@code last} is the final update of the run. */
  void show(ProgressSnapshot s, boolean last);

  /** A line that must be seen now (a warning during the run). */
  void note(String what, String line);

  /** Whether updates should come as often as a terminal redraw, rather than once per log interval. */
  boolean redraws();

  /** The logger progress lines go to; logback.xml lets its INFO lines through whatever the root level. */
  String LOGGER = "headersync.progress";

  /** Plain periodic lines through SLF4J (so {@code --log-format json} applies to them). */
  static ProgressOutput logLines() {
    return new LogLines(LoggerFactory.getLogger(LOGGER));
  }

  /** A bar on {@code terminal}, redrawn in place with a carriage return. */
  static ProgressOutput bar(PrintStream terminal) {
    return new TerminalBar(terminal);
  }

  /** Nothing (benchmarks, tests, library use). */
  static ProgressOutput none() {
    return Silent.INSTANCE;
  }

  /** Lines through a logger. */
  record LogLines(Logger log) implements ProgressOutput {
    public LogLines {
      Objects.requireNonNull(log, "log");
    }

    @Override
    public void show(ProgressSnapshot s, boolean last) {
      log.info(s.line());
    }

    @Override
    public void note(String what, String line) {
      log.warn("{}: {}", what, line);
    }

    @Override
    public boolean redraws() {
      return false;
    }
  }

  /** One line redrawn in place: {@code import [#########...........]  45.0% 7,373/16,384 2,345/s 4s left}. */
  final class TerminalBar implements ProgressOutput {
    /** Characters of the bar itself; the whole line stays under 100 columns. */
    static final int WIDTH = 30;
    private final PrintStream out;
    private int lastLength;

    TerminalBar(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void show(ProgressSnapshot s, boolean last) {
      String line = render(s);
      // Pad over the tail of a longer previous line, then return to the line's start.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
      if (last) {
        out.println();
        lastLength = 0;
      }
      out.flush();
    }

    @Override
    public synchronized void note(String what, String line) {
      if (lastLength > 0) {
        out.println();
        lastLength = 0;
      }
      out.println(what + ": " + line);
      out.flush();
    }

    @Override
    public boolean redraws() {
      return true;
    }

    static String render(ProgressSnapshot s) {
      StringBuilder sb = new StringBuilder(s.what()).append(' ');
      if (s.fraction().isPresent()) {
        int filled = (int) Math.floor(s.fraction().get() * WIDTH);
        sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append(']');
        sb.append(String.format(Locale.ROOT, " %5.1f%% %,d/%,d", s.fraction().get() * 100, s.done(), s.total().getAsLong()));
      } else {
        sb.append(String.format(Locale.ROOT, "%,d headers", s.done()));
      }
      s.at().ifPresent(n -> sb.append(String.format(Locale.ROOT, " #%,d", n)));
      sb.append(String.format(Locale.ROOT, " %,.0f/s", s.perSecond()));
      s.eta().ifPresent(e -> sb.append(' ').append(ProgressSnapshot.duration(e)).append(" left"));
      return sb.toString();
    }
  }

  /** Shows no progress; notes still go to the log, since they are warnings. */
  enum Silent implements ProgressOutput {
    INSTANCE;

    @Override
    public void show(ProgressSnapshot s, boolean last) {}

    @Override
    public void note(String what, String line) {
      LoggerFactory.getLogger(LOGGER).warn("{}: {}", what, line);
    }

    @Override
    public boolean redraws() {
      return false;
    }
  }
}
