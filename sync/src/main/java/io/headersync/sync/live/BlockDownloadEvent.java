package io.headersync.sync.live;

import io.headersync.core.block.Block;
import io.headersync.core.bytes.Hash;
import java.util.Objects;
import java.util.OptionalLong;

/** What a {@link BlockDownloader} hands to its owner. */
public sealed interface BlockDownloadEvent {

  /** A block whose header has the hash asked for and whose body matches that header's roots. */
  record Downloaded(Block block) implements BlockDownloadEvent {
    public Downloaded {
      Objects.requireNonNull(block, "block");
    }
  }

  /**
   * A block that could not be downloaded: no peer gave its header, or every body offered for it
   * was wrong, or (for a range) the walk down from the tip stopped at this hash.
   *
   * @param hash the block that is missing
   * @param number its number, when its header was known
   * @param reason what went wrong, for logs
   */
  record Failed(Hash hash, OptionalLong number, String reason) implements BlockDownloadEvent {
    public Failed {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
