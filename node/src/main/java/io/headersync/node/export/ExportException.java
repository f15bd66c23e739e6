package io.headersync.node.export;

/** An export that could not finish: the store changed under it, or the output could not be written. */
public final class ExportException extends Exception {

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExportException(String message) {
    super(message);
  }
}
