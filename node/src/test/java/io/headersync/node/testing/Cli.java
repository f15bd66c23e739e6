package io.headersync.node.testing;

import io.headersync.node.cli.HeadersyncCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code headersync} in this JVM with its standard output and error captured. */
public final class Cli {

  private Cli() {}

  /** What one command printed and returned. */
  public record Run(List<String> args, int exitCode, String out, String err) {

    /** The non-blank lines of standard error. */
    public List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The non-blank lines of standard output. */
    public List<String> outLines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The command line and everything it printed, for assertion messages. */
    public String describe() {
      return "headersync " + String.join(" ", args) + "\n  exit " + exitCode + "\n  out: " + out.strip()
          + "\n  err: " + err.strip();
    }
  }

  public static Run run(Object... args) {
    String[] argv = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = HeadersyncCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(argv);
    return new Run(List.of(argv), code, out.toString(), err.toString());
  }
}
