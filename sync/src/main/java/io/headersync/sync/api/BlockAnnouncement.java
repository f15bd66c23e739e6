package io.headersync.sync.api;

import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer telling of a new block (NewBlockHashes, NewBlock). Unverified: a peer may announce
 * anything, so announcements feed estimates (the tip), never decisions on their own.
 */
public record BlockAnnouncement(Hash hash, long number, Optional<BigInteger> totalDifficulty) {

  public BlockAnnouncement {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(totalDifficulty, "totalDifficulty");
    if (number < 0) {
      throw new IllegalArgumentException("announced block number must not be negative: " + number);
    }
  }
}
