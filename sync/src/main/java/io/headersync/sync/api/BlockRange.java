package io.headersync.sync.api;

/** Block numbers {@code first..last}, both included. */
public record BlockRange(long first, long last) {

  public BlockRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad block range " + first + ".." + last);
    }
  }

  public static BlockRange of(long first, long last) {
    return new BlockRange(first, last);
  }

  public static BlockRange single(long number) {
    return new BlockRange(number, number);
  }

  public boolean contains(long number) {
    return number >= first && number <= last;
  }

  public boolean contains(BlockRange other) {
    return other.first >= first && other.last <= last;
  }

  public long size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first + ".." + last;
  }
}
