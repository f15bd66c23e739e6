package io.headersync.core.chain;

import io.headersync.core.bytes.Hex;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chain's fork identifier (EIP-2124): a CRC32 checksum of the genesis hash and every fork
 * passed so far, and the block number or timestamp of the next known fork (zero when none).
 *
 * <p>{@code next} is an unsigned 64-bit value held in a long: a peer may announce any value, up
 * to 2<sup>64</sup>−1, which reads here as −1. Compare it with {@link Long#compareUnsigned}.
 */
public record ForkId(byte[] hash4, long next) {

  public ForkId {
    Objects.requireNonNull(hash4, "hash4");
    if (hash4.length != 4) {
      throw new IllegalArgumentException("a fork hash is 4 bytes, got " + hash4.length);
    }
    hash4 = hash4.clone();
  }

  /** A fork id from the checksum as an int (big-endian bytes of {@code hash}). */
  public static ForkId of(int hash, long next) {
    return new ForkId(new byte[] {(byte) (hash >>> 24), (byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash}, next);
  }

  /** The fork id a node of chain {@code spec} announces when its head has this number and time. */
  public static ForkId of(ChainSpec spec, long headNumber, long headTime) {
    return of(ForkSchedule.of(spec), headNumber, headTime);
  }

  static ForkId of(ForkSchedule schedule, long headNumber, long headTime) {
    long[] forks = schedule.all();
    for (int i = 0; i < forks.length; i++) {
      long head = schedule.timeBased(i) ? headTime : headNumber;
      if (Long.compareUnsigned(head, forks[i]) < 0) {
        return of(schedule.checksums()[i], forks[i]);
      }
    }
    return of(schedule.checksums()[forks.length], 0);
  }

  @Override
  public byte[] hash4() {
    return hash4.clone();
  }

  /** The checksum as an int. */
  public int hash() {
    return (hash4[0] & 0xFF) << 24 | (hash4[1] & 0xFF) << 16 | (hash4[2] & 0xFF) << 8 | (hash4[3] & 0xFF);
  }

  /** {@code rlp([hash4, next])}. */
  public byte[] encode() {
    RlpWriter w = new RlpWriter(16);
    writeTo(w);
    return w.toByteArray();
  }

  /** Writes {@code [hash4, next]} as one list item. */
  public void writeTo(RlpWriter w) {
    w.startList().writeBytes(hash4);
    if (next >= 0) {
      w.writeLong(next);
    } else {
      w.writeBytes(ForkSchedule.bigEndian(next));
    }
    w.endList();
  }

  /**
   * Decodes exactly one {@code [hash4, next]} list.
   *
   * @throws io.headersync.rlp.RlpException when the bytes are not that list
   */
  public static ForkId decode(byte[] rlp) {
    RlpReader outer = RlpReader.wrap(rlp);
    ForkId id = read(outer);
    outer.requireEnd();
    return id;
  }

  /** Reads one {@code [hash4, next]} list from {@code reader}; nothing may follow {@code next} inside it. */
  public static ForkId read(RlpReader reader) {
    RlpReader list = reader.readList();
    list.requireNext("fork hash");
    byte[] hash = list.readFixed(4);
    list.requireNext("fork next");
    BigInteger next = list.readBigInteger(8);
    list.requireEnd();
    return new ForkId(hash, next.longValue());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForkId f && next == f.next && Arrays.equals(hash4, f.hash4);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash4) * 31 + Long.hashCode(next);
  }

  @Override
  public String toString() {
    return "ForkId[" + Hex.encode(hash4) + ", next " + Long.toUnsignedString(next) + "]";
  }
}
