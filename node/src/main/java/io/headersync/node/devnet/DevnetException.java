package io.headersync.node.devnet;

/** A devnet run that cannot go on: the first sync stalled, a store could not be opened. */
public final class DevnetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DevnetException(String message) {
    super(message);
  }
}
