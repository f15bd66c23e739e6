package io.headersync.core.era;

/** An epoch root that the pre-merge historical accumulator does not vouch for. */
public final class AccumulatorMismatchException extends Exception {

  private final transient EpochCheck check;

  public AccumulatorMismatchException(EpochCheck check) {
    super(check.describe());
    this.check = check;
  }

  /** The failed check, with the epoch and the roots involved. */
  public EpochCheck check() {
    return check;
  }
}
