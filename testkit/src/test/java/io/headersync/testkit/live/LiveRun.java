package io.headersync.testkit.live;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.Block;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.live.BlockDownloadConfig;
import io.headersync.sync.live.BlockDownloadEvent;
import io.headersync.sync.live.BlockDownloaderStats;
import io.headersync.sync.live.LiveBlockDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One live-download simulation: a network, the request scheduler over it, a block downloader over
 * the scheduler, and an owner that polls whenever told. Every event the owner receives is checked
 * as it arrives: each block is the chain's block at its number with a body matching its header,
 * never emitted twice; and the held and tracked limits hold at every look, not only at the end.
 */
final class LiveRun {

  final HeaderChain chain;
  final SimulatedNetwork net;
  final RequestScheduler scheduler;
  final CountingClients clients;
  final LiveBlockDownloader downloader;
  final BlockDownloadConfig config;
  final List<Block> blocks = new ArrayList<>();
  final List<BlockDownloadEvent.Failed> failures = new ArrayList<>();
  private final Set<Hash> seen = new HashSet<>();
  /** Where ascending order is checked from: blocks emitted before the last submission may be higher. */
  private int orderedFrom;

  LiveRun(long seed, HeaderChain chain, BlockDownloadConfig config) {
    this.chain = chain;
    this.config = config;
    this.net = new SimulatedNetwork(seed);
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
    this.clients = new CountingClients(scheduler, scheduler);
    this.downloader = new LiveBlockDownloader(config, net.scheduler(), clients, clients);
    downloader.setProgressListener(this::drain);
  }

  /** Runs {@code submission} on the loop at {@code at}; blocks emitted before it are not held to order with later ones. */
  void submitAt(Duration at, Runnable submission) {
    net.scheduler().schedule(at, "submit", () -> {
      orderedFrom = blocks.size();
      submission.run();
      checkLimits();
    });
  }

  private void drain() {
    checkLimits();
    for (var e = downloader.poll(); e.isPresent(); e = downloader.poll()) {
      switch (e.get()) {
        case BlockDownloadEvent.Downloaded d -> accept(d.block());
        case BlockDownloadEvent.Failed f -> failures.add(f);
      }
    }
  }

  private void accept(Block b) {
    if (!seen.add(b.hash())) {
      throw new AssertionError("block #" + b.number() + " " + b.hash() + " emitted twice");
    }
    if (!chain.contains(b.number()) || !chain.hash(b.number()).equals(b.hash())) {
      throw new AssertionError("block #" + b.number() + " " + b.hash() + " is not the chain's");
    }
    try {
      BodyValidator.validate(b.header(), b.body());
    } catch (InvalidHeaderException e) {
      throw new AssertionError("emitted a block whose body does not match: " + e.getMessage(), e);
    }
    if (blocks.size() > orderedFrom && blocks.getLast().number() >= b.number()) {
      throw new AssertionError("block #" + b.number() + " emitted after #" + blocks.getLast().number());
    }
    blocks.add(b);
  }

  private void checkLimits() {
    BlockDownloaderStats s = downloader.stats();
    if (s.heldBlocks() > config.maxHeldBlocks() || s.trackedBlocks() > config.maxTrackedBlocks()) {
      throw new AssertionError("limits passed: " + s);
    }
  }

  /** Runs until {@code expected} blocks were emitted (or failed); answers whether they were. */
  boolean runUntilDone(int expected, Duration limit) {
    return net.scheduler().runUntil(() -> blocks.size() + failures.size() >= expected
        && downloader.stats().trackedBlocks() == 0, limit);
  }

  List<Long> numbers() {
    return blocks.stream().map(Block::number).toList();
  }

  String describe() {
    return "emitted " + blocks.size() + ", failed " + failures + ", stats " + downloader.stats() + ", scheduler "
        + scheduler.counters() + "; last events " + net.trace().recent().subList(Math.max(0, net.trace().recent().size() - 30),
        net.trace().recent().size());
  }
}
