package io.headersync.core.crypto;

import io.headersync.core.bytes.Hash;

/** Keccak-256 and Keccak-512 with Ethereum's (pre-SHA-3) padding, in one call ({@link KeccakSponge#hash}). */
public final class Keccak {

  /** Keccak-256 of the empty string. */
  public static final Hash EMPTY = Hash.fromHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  /** Keccak-256 of the RLP of an empty list ({@code 0xc0}): the ommers hash of a block with none. */
  public static final Hash EMPTY_LIST = Hash.fromHex("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  private Keccak() {}

  public static Hash keccak256(byte[] data) {
    return keccak256(data, 0, data.length);
  }

  public static Hash keccak256(byte[] data, int offset, int length) {
    byte[] out = new byte[32];
    keccak256(data, offset, length, out, 0);
    return Hash.wrap(out);
  }

  /** Writes the 32-byte digest into {@code out} at {@code outOffset}. */
  public static void keccak256(byte[] data, int offset, int length, byte[] out, int outOffset) {
    KeccakSponge.hash(32, data, offset, length, out, outOffset);
  }

  public static byte[] keccak512(byte[] data) {
    return keccak512(data, 0, data.length);
  }

  public static byte[] keccak512(byte[] data, int offset, int length) {
    byte[] out = new byte[64];
    keccak512(data, offset, length, out, 0);
    return out;
  }

  /** Writes the 64-byte digest into {@code out} at {@code outOffset}. */
  public static void keccak512(byte[] data, int offset, int length, byte[] out, int outOffset) {
    KeccakSponge.hash(64, data, offset, length, out, outOffset);
  }
}
