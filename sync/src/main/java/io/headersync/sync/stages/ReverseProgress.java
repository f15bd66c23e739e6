package io.headersync.sync.stages;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.store.BlockRef;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an unfinished reverse download stands, kept in the headers checkpoint's extra bytes: the
 * target it walks down from and the lowest header stored so far. Every header from {@code target}
 * down to {@code lowest} is stored (not canonical) and linked by parent hash.
 *
 * <p>Layout (81 bytes): version 1 (1 byte), target number (8, big-endian), target hash (32), lowest
 * number (8), lowest hash (32).
 */
public record ReverseProgress(BlockRef target, BlockRef lowest) {

  static final byte VERSION = 1;
  static final int LENGTH = 1 + 8 + Hash.SIZE + 8 + Hash.SIZE;

  public ReverseProgress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(lowest, "lowest");
    if (lowest.number() > target.number()) {
      throw new IllegalArgumentException("lowest stored header " + lowest + " is above the target " + target);
    }
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).putLong(target.number()).put(target.hash().toArray()).putLong(lowest.number()).put(lowest.hash().toArray());
    return b.array();
  }

  /**
   * Reads the extra bytes of a headers checkpoint: empty bytes mean no reverse download is under
   * way.
   *
   * @throws StageException {@link StageException.Kind#BAD_CHECKPOINT} for bytes of another length or version
   */
  public static Optional<ReverseProgress> decode(String stage, long checkpointNumber, byte[] extra) {
    if (extra.length == 0) {
      return Optional.empty();
    }
    if (extra.length != LENGTH || extra[0] != VERSION) {
      throw new StageException(stage, StageException.Kind.BAD_CHECKPOINT, checkpointNumber, "reverse download progress: expected "
          + LENGTH + " bytes starting with version " + VERSION + ", found " + extra.length + " bytes: " + Hex.encode(extra));
    }
    ByteBuffer b = ByteBuffer.wrap(extra, 1, LENGTH - 1);
    BlockRef target = new BlockRef(b.getLong(), hash(b));
    BlockRef lowest = new BlockRef(b.getLong(), hash(b));
    if (lowest.number() > target.number()) {
      throw new StageException(stage, StageException.Kind.BAD_CHECKPOINT, checkpointNumber,
          "reverse download progress: lowest " + lowest + " above target " + target);
    }
    return Optional.of(new ReverseProgress(target, lowest));
  }

  private static Hash hash(ByteBuffer b) {
    byte[] bytes = new byte[Hash.SIZE];
    b.get(bytes);
    return Hash.of(bytes);
  }
}
