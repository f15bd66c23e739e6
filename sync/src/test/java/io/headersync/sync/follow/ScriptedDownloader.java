package io.headersync.sync.follow;

import io.headersync.core.block.Block;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.live.BlockDownloadEvent;
import io.headersync.sync.live.BlockDownloader;
import io.headersync.sync.live.BlockDownloaderStats;
import io.headersync.sync.live.Submission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A block downloader that answers from a map of the blocks "the network" has, when the test says
 * so: every request is recorded, {@link #answer()} serves all of them at once (a range walks down
 * by parent hash, a missing block fails), blocks leave ascending and never twice, as the real one's
 * contract says.
 */
final class ScriptedDownloader implements BlockDownloader {

  sealed interface Request {}

  record ByHash(Set<Hash> hashes) implements Request {}

  record Range(Hash tip, int count) implements Request {}

  final Map<Hash, Block> network = new HashMap<>();
  final List<Request> requests = new ArrayList<>();
  private final List<Request> pending = new ArrayList<>();
  private final ArrayDeque<BlockDownloadEvent> output = new ArrayDeque<>();
  private final Set<Hash> emitted = new HashSet<>();
  private Runnable listener = () -> {};

  void serve(List<Block> blocks) {
    for (Block b : blocks) {
      network.put(b.hash(), b);
    }
  }

  @Override
  public Submission download(Set<Hash> hashes) {
    Request r = new ByHash(Set.copyOf(hashes));
    requests.add(r);
    pending.add(r);
    return new Submission(hashes.size(), 0, 0);
  }

  @Override
  public Submission downloadRange(Hash tip, int count) {
    if (count < 1 || count > 1024) {
      throw new IllegalArgumentException("range count " + count);
    }
    Request r = new Range(tip, count);
    requests.add(r);
    pending.add(r);
    return new Submission(count, 0, 0);
  }

  /** Serves every pending request and tells the owner. */
  void answer() {
    List<Block> blocks = new ArrayList<>();
    for (Request r : List.copyOf(pending)) {
      switch (r) {
        case ByHash s -> {
          for (Hash h : s.hashes()) {
            Block b = network.get(h);
            if (b == null) {
              output.add(new BlockDownloadEvent.Failed(h, OptionalLong.empty(), "no peer has " + h));
            } else {
              blocks.add(b);
            }
          }
        }
        case Range g -> {
          Hash next = g.tip();
          for (int i = 0; i < g.count(); i++) {
            Block b = network.get(next);
            if (b == null) {
              output.add(new BlockDownloadEvent.Failed(next, OptionalLong.empty(), "walk stopped at " + next));
              break;
            }
            blocks.add(b);
            next = b.header().parentHash();
          }
        }
      }
    }
    pending.clear();
    blocks.sort(Comparator.comparingLong(Block::number));
    for (Block b : blocks) {
      if (emitted.add(b.hash())) {
        output.add(new BlockDownloadEvent.Downloaded(b));
      }
    }
    listener.run();
  }

  @Override
  public Optional<BlockDownloadEvent> poll() {
    return Optional.ofNullable(output.poll());
  }

  @Override
  public void setProgressListener(Runnable value) {
    listener = value;
  }

  @Override
  public void clear() {
    pending.clear();
    output.clear();
    emitted.clear();
  }

  @Override
  public BlockDownloaderStats stats() {
    throw new UnsupportedOperationException("not used by the follower");
  }

  @Override
  public void close() {
    clear();
  }
}
