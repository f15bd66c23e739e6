package io.headersync.node.cli;

/** Exit codes of every command. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;
  /** The input broke a consensus rule or a trust anchor, or a file is malformed. */
  public static final int INVALID = 1;
  /** The command line was wrong (picocli's own code for usage errors). */
  public static final int USAGE = 2;
  /** A file or the database could not be read or written. */
  public static final int IO = 3;

  private ExitCodes() {}
}
