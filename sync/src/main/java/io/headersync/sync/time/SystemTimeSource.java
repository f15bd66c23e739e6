package io.headersync.sync.time;

/** The machine's monotonic clock; the only place sync reads real time. */
public final class SystemTimeSource implements TimeSource {

  public static final SystemTimeSource INSTANCE = new SystemTimeSource();

  private SystemTimeSource() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
