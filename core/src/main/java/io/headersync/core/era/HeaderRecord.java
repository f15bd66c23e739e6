package io.headersync.core.era;

import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One entry of a pre-merge epoch record: a block hash and the total difficulty up to and
 * including that block (SSZ {@code Container(block_hash: Bytes32, total_difficulty: uint256)}).
 */
public record HeaderRecord(Hash blockHash, BigInteger totalDifficulty) {

  /** Bytes of one record in SSZ: the hash, then the difficulty as 32 little-endian bytes. */
  public static final int SSZ_SIZE = 64;

  public HeaderRecord {
    Objects.requireNonNull(blockHash, "blockHash");
    if (totalDifficulty.signum() < 0 || totalDifficulty.bitLength() > 256) {
      throw new IllegalArgumentException("total difficulty is not a uint256: " + totalDifficulty);
    }
  }

  /** {@code value} as the 32 little-endian bytes of an SSZ uint256; it must fit in 256 bits. */
  static byte[] uint256LittleEndian(BigInteger value) {
    byte[] be = value.toByteArray(); // big-endian, possibly with a leading sign byte
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** Reads a little-endian unsigned 256-bit integer from 32 bytes at {@code offset}. */
  static BigInteger readUInt256LittleEndian(byte[] b, int offset) {
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = b[offset + 31 - i];
    }
    return new BigInteger(1, be);
  }
}
