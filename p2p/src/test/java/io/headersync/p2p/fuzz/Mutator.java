package io.headersync.p2p.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of valid inputs: bit flips, byte overwrites (often with the bytes that start
 * RLP headers), truncation, insertion and deletion, RLP length prefixes inflated to claim far more
 * than is there, splicing with another valid input, runs copied onto themselves, and plain random
 * bytes. Everything is drawn from the given random source, so an input is reproduced from its seed.
 */
final class Mutator {

  /** Lengths an inflated prefix claims: just past the data, past common caps, and the 4- and 8-byte extremes. */
  private static final long[] INFLATED = {
      1, 2, 55, 56, 255, 256, 1024, 0xFFFF, 0x10000, 0xFFFFFF, 16L << 20, Integer.MAX_VALUE, 0xFFFFFFFFL,
      Long.MAX_VALUE, -1L};

  /** Bytes where a decoder's branches are: RLP string and list prefixes and their long forms, zero and 0x04. */
  private static final int[] INTERESTING = {
      0x00, 0x01, 0x04, 0x7f, 0x80, 0x81, 0xb7, 0xb8, 0xb9, 0xbb, 0xbf, 0xc0, 0xc1, 0xf7, 0xf8, 0xf9, 0xfb, 0xff};

  private Mutator() {}

  /** One to four mutations of {@code seed}; {@code donor} is another valid input to splice from. */
  static byte[] mutate(byte[] seed, byte[] donor, SplittableRandom r) {
    byte[] out = seed;
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits; i++) {
      out = mutateOnce(out, donor, r);
    }
    return out;
  }

  static byte[] mutateOnce(byte[] in, byte[] donor, SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> flipBit(in, r);
      case 1 -> setByte(in, r);
      case 2 -> truncate(in, r);
      case 3 -> insert(in, r);
      case 4 -> delete(in, r);
      case 5, 6 -> inflateRlpLength(in, r);
      case 7 -> splice(in, donor, r);
      case 8 -> duplicate(in, r);
      default -> randomRun(in, r);
    };
  }

  static byte[] flipBit(byte[] in, SplittableRandom r) {
    if (in.length == 0) {
      return in;
    }
    byte[] out = in.clone();
    out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
    return out;
  }

  static byte[] setByte(byte[] in, SplittableRandom r) {
    if (in.length == 0) {
      return new byte[] {(byte) interesting(r)};
    }
    byte[] out = in.clone();
    out[r.nextInt(out.length)] = (byte) (r.nextBoolean() ? interesting(r) : r.nextInt(256));
    return out;
  }

  static byte[] truncate(byte[] in, SplittableRandom r) {
    return in.length == 0 ? in : Arrays.copyOf(in, r.nextInt(in.length));
  }

  static byte[] insert(byte[] in, SplittableRandom r) {
    int at = r.nextInt(in.length + 1);
    int n = 1 + r.nextInt(r.nextBoolean() ? 2 : 40);
    byte[] out = new byte[in.length + n];
    System.arraycopy(in, 0, out, 0, at);
    for (int i = 0; i < n; i++) {
      out[at + i] = (byte) (r.nextBoolean() ? interesting(r) : r.nextInt(256));
    }
    System.arraycopy(in, at, out, at + n, in.length - at);
    return out;
  }

  static byte[] delete(byte[] in, SplittableRandom r) {
    if (in.length == 0) {
      return in;
    }
    int at = r.nextInt(in.length);
    int n = 1 + r.nextInt(Math.min(in.length - at, r.nextBoolean() ? 2 : 64));
    byte[] out = new byte[in.length - n];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, at + n, out, at, in.length - at - n);
    return out;
  }

  /**
   * Replaces the prefix of one RLP item (found by walking the input's structure) with a long-form
   * prefix of the same kind claiming a much larger or slightly larger length: the mutation that
   * tempts a decoder to allocate what the prefix says before checking it against the input.
   */
  static byte[] inflateRlpLength(byte[] in, SplittableRandom r) {
    List<int[]> headers = rlpHeaders(in);
    if (headers.isEmpty()) {
      return setByte(in, r);
    }
    int[] h = headers.get(r.nextInt(headers.size()));
    int at = h[0];
    int headerLength = h[1];
    boolean list = h[2] == 1;
    long claimed = r.nextInt(3) == 0 ? h[3] + 1 + r.nextInt(8) : INFLATED[r.nextInt(INFLATED.length)];
    byte[] prefix = longPrefix(claimed, list);
    byte[] out = new byte[in.length - headerLength + prefix.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(prefix, 0, out, at, prefix.length);
    System.arraycopy(in, at + headerLength, out, at + prefix.length, in.length - at - headerLength);
    return out;
  }

  /** A long-form RLP prefix ({@code 0xb8..0xbf} or {@code 0xf8..0xff}) claiming {@code length}, as unsigned. */
  static byte[] longPrefix(long length, boolean list) {
    int bytes = Math.max(1, 8 - Long.numberOfLeadingZeros(length) / 8);
    byte[] out = new byte[1 + bytes];
    out[0] = (byte) ((list ? 0xf7 : 0xb7) + bytes);
    for (int i = 0; i < bytes; i++) {
      out[1 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
    }
    return out;
  }

  static byte[] splice(byte[] in, byte[] donor, SplittableRandom r) {
    if (donor.length == 0) {
      return truncate(in, r);
    }
    int cut = r.nextInt(in.length + 1);
    int from = r.nextInt(donor.length);
    int n = 1 + r.nextInt(donor.length - from);
    byte[] out = Arrays.copyOf(in, cut + n);
    System.arraycopy(donor, from, out, cut, n);
    return out;
  }

  static byte[] duplicate(byte[] in, SplittableRandom r) {
    if (in.length == 0) {
      return in;
    }
    int from = r.nextInt(in.length);
    int n = 1 + r.nextInt(Math.min(in.length - from, 256));
    int at = r.nextInt(in.length + 1);
    byte[] out = new byte[in.length + n];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, from, out, at, n);
    System.arraycopy(in, at, out, at + n, in.length - at);
    return out;
  }

  static byte[] randomRun(byte[] in, SplittableRandom r) {
    if (in.length == 0 || r.nextInt(8) == 0) {
      return randomBytes(r, r.nextInt(1 + Math.max(64, in.length)));
    }
    byte[] out = in.clone();
    int at = r.nextInt(out.length);
    int n = 1 + r.nextInt(Math.min(out.length - at, 32));
    for (int i = 0; i < n; i++) {
      out[at + i] = (byte) r.nextInt(256);
    }
    return out;
  }

  static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) r.nextInt(256);
    }
    return out;
  }

  private static int interesting(SplittableRandom r) {
    return INTERESTING[r.nextInt(INTERESTING.length)];
  }

  /**
   * The prefixes of the RLP items in {@code in}, nested ones included, as
   * {@code [offset, prefix length, 1 if a list, payload length]}; the walk stops quietly where the
   * input stops being well-formed.
   */
  static List<int[]> rlpHeaders(byte[] in) {
    List<int[]> out = new ArrayList<>();
    walk(in, 0, in.length, out, 0);
    return out;
  }

  private static void walk(byte[] b, int pos, int end, List<int[]> out, int depth) {
    while (pos < end && out.size() < 4096 && depth < 16) {
      int p = b[pos] & 0xFF;
      int headerLength;
      long length;
      boolean list = p >= 0xc0;
      if (p < 0x80) {
        pos++;
        continue;
      } else if (p <= 0xb7 || (p >= 0xc0 && p <= 0xf7)) {
        headerLength = 1;
        length = p - (list ? 0xc0 : 0x80);
      } else {
        int lengthOfLength = p - (list ? 0xf7 : 0xb7);
        if (pos + 1 + lengthOfLength > end || lengthOfLength > 4) {
          return;
        }
        length = 0;
        for (int i = 1; i <= lengthOfLength; i++) {
          length = (length << 8) | (b[pos + i] & 0xFF);
        }
        headerLength = 1 + lengthOfLength;
      }
      if (pos + headerLength + length > end) {
        return;
      }
      out.add(new int[] {pos, headerLength, list ? 1 : 0, (int) length});
      if (list) {
        walk(b, pos + headerLength, pos + headerLength + (int) length, out, depth + 1);
      }
      pos += headerLength + (int) length;
    }
  }
}
