package io.headersync.core.chain;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rest of the product needs to know about one chain.
 *
 * <p>{@code forkActivations} maps each scheduled fork to its block (block-based forks) or its
 * timestamp (time-based forks); a fork missing from the map never activates. Paris has no entry
 * of its own unless the chain names a block for it ({@code mergeNetsplitBlock}), or is proof of
 * stake from genesis (terminal total difficulty zero: Paris at block 0); otherwise it is reached
 * by {@code terminalTotalDifficulty}.
 *
 * <p>Instances come from {@link ChainSpecs}: the shipped presets or a {@code genesis.json}.
 */
public record ChainSpec(
    String name,
    long chainId,
    long networkId,
    BlockHeader genesis,
    Map<Fork, Long> forkActivations,
    BigInteger terminalTotalDifficulty,
    Map<Fork, BlobSchedule> blobSchedules,
    SealEngine sealEngine,
    List<String> bootnodes) {

  public ChainSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(genesis, "genesis");
    EnumMap<Fork, Long> forks = new EnumMap<>(Fork.class);
    forks.putAll(forkActivations);
    forkActivations = Collections.unmodifiableMap(forks);
    EnumMap<Fork, BlobSchedule> blobs = new EnumMap<>(Fork.class);
    blobs.putAll(blobSchedules);
    blobSchedules = Collections.unmodifiableMap(blobs);
    bootnodes = List.copyOf(bootnodes);
    Objects.requireNonNull(sealEngine, "sealEngine");
  }

  public Hash genesisHash() {
    return genesis.hash();
  }

  /** The block or timestamp at which {@code fork} activates, if it is scheduled. */
  public Optional<Long> activation(Fork fork) {
    return Optional.ofNullable(forkActivations.get(fork));
  }

  /**
   * True when {@code fork} is active for a block of this number and timestamp. For
   * {@link Fork#PARIS} without a scheduled block this answers from the header alone: true once
   * a header has difficulty zero is not decidable here, so callers with total difficulty use
   * {@link #isPostMerge(BigInteger)}.
   */
  public boolean isActive(Fork fork, long number, long timestamp) {
    Long at = forkActivations.get(fork);
    if (at == null) {
      return false;
    }
    return fork.timeBased() ? timestamp >= at : number >= at;
  }

  /** The newest scheduled fork active at this block number and timestamp. */
  public Fork forkAt(long number, long timestamp) {
    Fork current = Fork.FRONTIER;
    for (Map.Entry<Fork, Long> e : forkActivations.entrySet()) {
      if (isActive(e.getKey(), number, timestamp) && e.getKey().ordinal() > current.ordinal()) {
        current = e.getKey();
      }
    }
    return current;
  }

  /** True when the total difficulty of a block's parent has reached the terminal total difficulty. */
  public boolean isPostMerge(BigInteger parentTotalDifficulty) {
    return terminalTotalDifficulty != null && parentTotalDifficulty.compareTo(terminalTotalDifficulty) >= 0;
  }

  /** The blob schedule in force at {@code timestamp}: that of the newest active fork that has one. */
  public Optional<BlobSchedule> blobScheduleAt(long timestamp) {
    BlobSchedule current = null;
    for (Map.Entry<Fork, BlobSchedule> e : blobSchedules.entrySet()) {
      Long at = forkActivations.get(e.getKey());
      if (at != null && timestamp >= at) {
        current = e.getValue();
      }
    }
    return Optional.ofNullable(current);
  }
}
