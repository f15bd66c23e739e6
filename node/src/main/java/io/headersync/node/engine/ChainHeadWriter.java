package io.headersync.node.engine;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.rpc.HeadEvent;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Engine API's writes to the store: a payload's header (and body) once it passes the chain
 * rules against its stored parent, kept off the canonical chain; and a head change a forkchoice
 * update asks for, made by unwinding to the common ancestor and committing the stored branch in
 * one more write. Every head change is published to the {@link HeadEventHub}.
 *
 * <p>A reorg is two writes (the store's unwind, then the branch): a crash between them leaves the
 * store consistent at the common ancestor, and the next forkchoice update (or the sync, given the
 * same head as its target) brings the branch back. Checkpoints are not advanced here: stages resume
 * from the canonical head, which this moves.
 *
 * <p>Calls are serialised (one lock): the Engine API is driven by one consensus client, in order.
 */
final class ChainHeadWriter {

  /** The outcome of storing a payload. */
  sealed interface Stored {
    record Valid(BlockHeader header) implements Stored {}

    record Invalid(Hash latestValid, String reason) implements Stored {}

    record ParentUnknown() implements Stored {}
  }

  private final HeaderStore store;
  private final HeaderValidator validator;
  private final HeadEventHub events;
  private final int maxReorgDepth;

  ChainHeadWriter(HeaderStore store, HeaderValidator validator, HeadEventHub events, int maxReorgDepth) {
    this.store = Objects.requireNonNull(store, "store");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.events = Objects.requireNonNull(events, "events");
    this.maxReorgDepth = maxReorgDepth;
  }

  HeaderStore store() {
    return store;
  }

  /** Validates {@code header} against its stored parent and stores it with {@code body}. */
  synchronized Stored store(BlockHeader header, BlockBody body) {
    if (store.blockNumber(header.hash()).isPresent()) {
      return new Stored.Valid(header);
    }
    Optional<BlockHeader> parent = store.header(header.parentHash());
    if (parent.isEmpty()) {
      return new Stored.ParentUnknown();
    }
    BigInteger parentTd = store.totalDifficulty(parent.get().number(), parent.get().hash()).orElse(null);
    try {
      validator.validate(header, parent.get(), parentTd);
    } catch (InvalidHeaderException e) {
      return new Stored.Invalid(parent.get().hash(), e.getMessage());
    }
    WriteBatch batch = new WriteBatch(2);
    if (parentTd != null) {
      batch.putHeader(header, parentTd.add(header.difficulty()));
    } else {
      batch.putHeader(header);
    }
    batch.putBody(header.hash(), body.encode());
    store.commit(batch);
    return new Stored.Valid(header);
  }

  /**
   * Makes the stored header {@code head} the canonical head when its branch meets the canonical
   * chain within {@link EngineConfig#maxReorgDepth} blocks.
   *
   * @return true when {@code head} is canonical afterwards
   */
  synchronized boolean makeCanonical(Hash head) {
    if (store.isCanonical(head)) {
      return true;
    }
    Optional<BlockHeader> at = store.header(head);
    if (at.isEmpty()) {
      return false;
    }
    List<BlockHeader> branch = new ArrayList<>();
    BlockHeader h = at.get();
    while (!store.isCanonical(h.hash())) {
      if (branch.size() >= maxReorgDepth) {
        return false;
      }
      branch.add(h);
      Optional<BlockHeader> parent = store.header(h.parentHash());
      if (parent.isEmpty()) {
        return false;
      }
      h = parent.get();
    }
    Collections.reverse(branch);
    BlockHeader ancestor = h;
    Optional<BlockRef> oldHead = store.head();
    List<BlockHeader> removed = new ArrayList<>();
    if (oldHead.isPresent() && oldHead.get().number() > ancestor.number()) {
      if (oldHead.get().number() - ancestor.number() > maxReorgDepth) {
        return false;
      }
      for (long n = ancestor.number() + 1; n <= oldHead.get().number(); n++) {
        store.canonicalHeader(n).ifPresent(removed::add);
      }
    }
    BigInteger td = store.totalDifficulty(ancestor.number(), ancestor.hash()).orElse(null);
    // Bodies stay where newPayload put them: their keys do not change when a header becomes canonical.
    WriteBatch batch = new WriteBatch(branch.size() * 2);
    for (BlockHeader b : branch) {
      td = td == null ? null : td.add(b.difficulty());
      batch.putCanonicalHeader(b, td);
    }
    try {
      if (!removed.isEmpty()) {
        // The unwound blocks go, as the store's unwind always drops them; their headers were
        // announced already and the consensus client chose against them.
        store.unwindTo(ancestor.number());
      }
      store.commit(batch);
    } catch (StoreException e) {
      // Another writer (the sync) moved the head in between; the sync target covers this head.
      return store.isCanonical(head);
    }
    events.publish(removed.isEmpty() ? new HeadEvent.Extended(branch) : new HeadEvent.Reorg(removed, branch));
    return true;
  }
}
