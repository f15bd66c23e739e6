package io.headersync.store;

import io.headersync.core.bytes.Hex;
import java.util.Arrays;

/**
 * How far a stage has got: the highest block number whose work it has committed, and bytes
 * only that stage interprets (for example where an unfinished reverse download stopped).
 *
 * <p>The extra bytes are copied in and out, so a checkpoint cannot change after it is made.
 */
public record Checkpoint(long number, byte[] extra) {

  private static final byte[] NONE = new byte[0];

  public Checkpoint {
    if (number < 0) {
      throw new IllegalArgumentException("checkpoint number must not be negative, got " + number);
    }
    extra = extra == null || extra.length == 0 ? NONE : extra.clone();
  }

  /** A checkpoint with no stage-specific bytes. */
  public static Checkpoint at(long number) {
    return new Checkpoint(number, NONE);
  }

  @Override
  public byte[] extra() {
    return extra.length == 0 ? NONE : extra.clone();
  }

  /** Length of {@link #extra()} without copying it. */
  public int extraLength() {
    return extra.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && c.number == number && Arrays.equals(c.extra, extra);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + Arrays.hashCode(extra);
  }

  @Override
  public String toString() {
    return extra.length == 0 ? "Checkpoint[" + number + "]" : "Checkpoint[" + number + ", " + Hex.encode(extra) + "]";
  }
}
