package io.headersync.node;

import io.headersync.node.cli.HeadersyncCommand;
import picocli.CommandLine;

/** Entry point of the {@code headersync} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return HeadersyncCommand.commandLine().execute(args);
  }
}
