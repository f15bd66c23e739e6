package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One header in the downloader's memory, linked to its parent and children when they are known.
 *
 * <p>A link is <em>persisted</em> once it is part of the local chain (handed out in a batch, or
 * read from the store); persisted links form a single chain. It is <em>connected</em> when it
 * descends from a persisted link, and only then has a total difficulty. It is <em>verified</em>
 * when every header rule, the ones needing its parent included, has passed.
 */
final class Link {

  final BlockHeader header;
  final Hash hash;
  final long number;
  /** Order of creation, the last tie-break wherever links are ranked (never hash-map order). */
  final long seq;
  /** Who sent the header (for persisted links read from the store: nobody, null). */
  final PeerId supplier;

  /** The parent link, while it is in memory. */
  Link parent;
  final List<Link> children = new ArrayList<>(1);
  /** The anchor this link hangs from, while its parent is unknown. */
  Anchor anchor;

  boolean persisted;
  /** The rules needing the parent ran against it, without the parent's total difficulty. */
  boolean checkedAgainstParent;
  boolean verified;
  /** Total difficulty (absolute, or relative to the local head; see LinkGraph), null until connected. */
  BigInteger totalDifficulty;

  Link(BlockHeader header, long seq, PeerId supplier) {
    this.header = header;
    this.hash = header.hash();
    this.number = header.number();
    this.seq = seq;
    this.supplier = supplier;
  }

  Hash parentHash() {
    return header.parentHash();
  }

  boolean connected() {
    return totalDifficulty != null;
  }

  @Override
  public String toString() {
    return "#" + number + " " + hash.toHex().substring(0, 10) + (persisted ? " persisted" : "") + (connected() ? " connected" : "");
  }
}
