package io.headersync.sync.follow;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A block checked against its parent by the header rules and not canonical (yet): a candidate
 * for fork choice.
 *
 * @param header the header
 * @param totalDifficulty its total difficulty, computed here from its parent's (never a peer's word)
 * @param body its body, already checked against the header's roots by the block downloader; null
 *     for a header that came from the store's side branches
 */
record SideBlock(BlockHeader header, BigInteger totalDifficulty, BlockBody body) {

  SideBlock {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(totalDifficulty, "totalDifficulty");
  }
}
