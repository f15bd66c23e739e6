package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to the canonical chain already stored, which the downloader consults when a branch
 * near the tip must be joined to it (where it forks, and how much work each side carries). Read
 * only: the downloader never writes the store; the stage does.
 */
@FunctionalInterface
public interface LocalChain {

  /** The canonical header at {@code number}, if stored. */
  Optional<BlockHeader> canonicalHeader(long number);

  /** The canonical chain of {@code store}. */
  static LocalChain of(HeaderStore store) {
    Objects.requireNonNull(store, "store");
    return store::canonicalHeader;
  }

  /** Knows no stored header (the downloader then relies on what it handed out itself). */
  static LocalChain none() {
    return number -> Optional.empty();
  }
}
