package io.headersync.node.cli;

/**
 * A command that cannot go on: its message is the one line printed (after the command's name)
 * and its exit code is returned. Thrown from anywhere in a command, handled in one place.
 */
final class CommandFailure extends RuntimeException {

  private final int exitCode;

  CommandFailure(int exitCode, String line, Throwable cause) {
    super(line, cause, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
