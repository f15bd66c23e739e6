package io.headersync.core.chain;

import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * The forks that count for a chain's fork id (EIP-2124), with the checksum after each.
 *
 * <p>Block-based forks come first, then time-based ones, each ascending and counted once when
 * several share a block or a time. A fork at block zero, or at or before the genesis timestamp,
 * is part of the genesis rules and not a fork. Paris counts only when the chain names a block for
 * it: a merge by total difficulty alone leaves no trace in the fork id.
 */
record ForkSchedule(long[] blocks, long[] times, int[] checksums) {

  static ForkSchedule of(ChainSpec spec) {
    long genesisTime = spec.genesis().timestamp();
    TreeSet<Long> blocks = new TreeSet<>();
    TreeSet<Long> times = new TreeSet<>();
    spec.forkActivations().forEach((fork, at) -> {
      if (fork.timeBased()) {
        if (at > genesisTime) {
          times.add(at);
        }
      } else if (at > 0) {
        blocks.add(at);
      }
    });
    long[] b = blocks.stream().mapToLong(Long::longValue).toArray();
    long[] t = times.stream().mapToLong(Long::longValue).toArray();
    int[] sums = new int[b.length + t.length + 1];
    CRC32 crc = new CRC32();
    crc.update(spec.genesisHash().unsafeArray());
    sums[0] = (int) crc.getValue();
    int i = 1;
    for (long fork : concat(b, t)) {
      crc.update(bigEndian(fork));
      sums[i++] = (int) crc.getValue();
    }
    return new ForkSchedule(b, t, sums);
  }

  /** Every fork, blocks then times. */
  long[] all() {
    return concat(blocks, times);
  }

  int size() {
    return blocks.length + times.length;
  }

  /** True when fork {@code index} of {@link #all()} is activated by time. */
  boolean timeBased(int index) {
    return index >= blocks.length;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] bigEndian(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }
}
