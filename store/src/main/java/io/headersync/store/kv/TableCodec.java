package io.headersync.store.kv;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.rlp.RlpException;
import io.headersync.store.Checkpoint;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes keys and values of the {@link Table}s, and decodes them with typed corruption errors. */
public final class TableCodec {

  /** Length of a number key. */
  public static final int NUMBER_SIZE = 8;
  /** Length of a number ‖ hash key. */
  public static final int NUMBER_HASH_SIZE = NUMBER_SIZE + Hash.SIZE;

  private static final int MAX_TOTAL_DIFFICULTY_BYTES = WriteBatch.MAX_TOTAL_DIFFICULTY_BITS / 8;

  private TableCodec() {}

  public static byte[] numberKey(long number) {
    byte[] k = new byte[NUMBER_SIZE];
    putLong(k, 0, number);
    return k;
  }

  public static byte[] numberHashKey(long number, Hash hash) {
    byte[] k = new byte[NUMBER_HASH_SIZE];
    putLong(k, 0, number);
    System.arraycopy(hash.unsafeArray(), 0, k, NUMBER_SIZE, Hash.SIZE);
    return k;
  }

  public static byte[] stageKey(String stage) {
    return stage.getBytes(StandardCharsets.US_ASCII);
  }

  public static String stageName(byte[] key) {
    return new String(key, StandardCharsets.US_ASCII);
  }

  /** Decodes an 8-byte number, from a key or a value of {@code table}. */
  public static long decodeNumber(Table table, byte[] key, byte[] bytes) {
    if (bytes.length != NUMBER_SIZE) {
      throw corrupt(table, key, "expected an 8-byte block number, found " + bytes.length + " bytes");
    }
    return getLong(bytes, 0);
  }

  /** The number at the start of a number ‖ hash key. */
  public static long numberOfKey(Table table, byte[] key) {
    if (key.length != NUMBER_HASH_SIZE) {
      throw corrupt(table, key, "expected a " + NUMBER_HASH_SIZE + "-byte number‖hash key, found " + key.length + " bytes");
    }
    return getLong(key, 0);
  }

  public static Hash decodeHash(Table table, byte[] key, byte[] bytes) {
    if (bytes.length != Hash.SIZE) {
      throw corrupt(table, key, "expected a 32-byte hash, found " + bytes.length + " bytes");
    }
    return Hash.wrap(bytes);
  }

  public static byte[] encodeTotalDifficulty(BigInteger td) {
    if (td.signum() == 0) {
      return new byte[0];
    }
    byte[] b = td.toByteArray();
    return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  public static BigInteger decodeTotalDifficulty(byte[] key, byte[] bytes) {
    if (bytes.length > MAX_TOTAL_DIFFICULTY_BYTES) {
      throw corrupt(Table.TOTAL_DIFFICULTY, key, "a total difficulty is at most 32 bytes, found " + bytes.length);
    }
    if (bytes.length > 0 && bytes[0] == 0) {
      throw corrupt(Table.TOTAL_DIFFICULTY, key, "a total difficulty has no leading zero bytes");
    }
    return new BigInteger(1, bytes);
  }

  public static byte[] encodeCheckpoint(Checkpoint checkpoint) {
    byte[] v = new byte[NUMBER_SIZE + checkpoint.extraLength()];
    putLong(v, 0, checkpoint.number());
    System.arraycopy(checkpoint.extra(), 0, v, NUMBER_SIZE, checkpoint.extraLength());
    return v;
  }

  public static Checkpoint decodeCheckpoint(byte[] key, byte[] bytes) {
    if (bytes.length < NUMBER_SIZE) {
      throw corrupt(Table.CHECKPOINTS, key, "a checkpoint is at least 8 bytes, found " + bytes.length);
    }
    long number = getLong(bytes, 0);
    if (number < 0) {
      throw corrupt(Table.CHECKPOINTS, key, "negative checkpoint number " + number);
    }
    return new Checkpoint(number, Arrays.copyOfRange(bytes, NUMBER_SIZE, bytes.length));
  }

  /**
   * Decodes a stored header, trusting the hash in its key instead of hashing it again (the
   * engine checksums its blocks; {@code StoreConsistency} re-hashes when asked to audit).
   */
  public static BlockHeader decodeHeader(byte[] key, long number, Hash hash, byte[] rlp) {
    BlockHeader header;
    try {
      header = BlockHeader.decode(rlp);
    } catch (RlpException e) {
      throw new StoreException(Reason.CORRUPTION, Table.HEADERS.tableName(), key, "header RLP does not decode: " + e.getMessage(), e);
    }
    if (header.number() != number) {
      throw corrupt(Table.HEADERS, key, "header RLP holds block " + header.number() + " but its key says " + number);
    }
    return header.withKnownHash(hash);
  }

  public static StoreException corrupt(Table table, byte[] key, String detail) {
    return new StoreException(Reason.CORRUPTION, table.tableName(), key, detail);
  }

  static void putLong(byte[] b, int offset, long v) {
    for (int i = 0; i < NUMBER_SIZE; i++) {
      b[offset + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  static long getLong(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < NUMBER_SIZE; i++) {
      v = (v << 8) | (b[offset + i] & 0xFF);
    }
    return v;
  }
}
