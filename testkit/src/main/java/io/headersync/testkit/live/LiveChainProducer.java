package io.headersync.testkit.live;

import io.headersync.core.block.BlockHeader;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import io.headersync.testkit.sim.SimulatedPeer;
import io.headersync.testkit.sim.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A chain that grows on the simulated network's virtual clock: one block every {@code blockTime},
 * with reorganisations of a chosen depth at chosen blocks, announced by the peers that serve it.
 *
 * <p>The chain's future is made up front (a {@link LazyHeaderChain} long enough for the run); a
 * tick moves the visible head one block up it and every honest peer, after its own delay drawn
 * from the seeded stream, switches to serving the chain up to that head and announces it
 * ({@link SimulatedPeer#announceHead}). A reorganisation of depth {@code d} at a tick replaces the
 * top {@code d} blocks with a fork of {@code d + 1} blocks, revealed at once (a branch mined or
 * built out of sight): before the merge made {@link ForkWeight#HEAVIER}, so work chooses it, after
 * it {@link ForkWeight#ANY}, so the peers' agreement (the target) does.
 *
 * <p>Liars: a peer added with {@link #addLiar} does not follow the chain; at the ticks given it
 * announces a branch of its own, either {@link Lie#LIGHTER_BRANCH} (valid but with less work, at
 * the head's height) or {@link Lie#INVALID_BRANCH} (more work, but its first block breaks the
 * extra-data rule and everything above builds on it).
 *
 * <p>Everything runs on the network's {@link VirtualScheduler}; a run is reproducible from the
 * network's seed.
 */
public final class LiveChainProducer {

  /** What a liar announces. */
  public enum Lie {
    /** A valid branch at the head's height with less total difficulty than the chain. */
    LIGHTER_BRANCH,
    /** A heavier branch whose first block breaks a header rule (extra data of 40 bytes). */
    INVALID_BRANCH
  }

  private record Member(SimulatedPeer peer, Duration minDelay, Duration maxDelay) {}

  private record Reorg(int depth, ForkWeight weight, LazyHeaderChain fork) {}

  private final SimulatedNetwork net;
  private final VirtualScheduler loop;
  private final Duration blockTime;
  private final SplittableRandom random;
  private final List<Member> members = new ArrayList<>();
  private final Map<Integer, Reorg> reorgs = new HashMap<>();
  private final Map<Integer, List<Map.Entry<SimulatedPeer, Lie>>> lies = new HashMap<>();
  private final List<HeaderChain> branches = new ArrayList<>();
  private final List<HeaderChain> lieBranches = new ArrayList<>();
  private final List<ProducedBlock> produced = new ArrayList<>();

  private LazyHeaderChain current;
  private final long startHead;
  private long head;
  private int ticks;
  /** The branch the last planned reorganisation leads to: the next one forks from it. */
  private LazyHeaderChain planned;
  private int lastReorgTick;

  /**
   * @param future the chain's blocks to come: it must reach {@code startHead} plus every tick of the run
   * @param startHead the head the network has when the run begins
   */
  public LiveChainProducer(SimulatedNetwork net, LazyHeaderChain future, long startHead, Duration blockTime) {
    this.net = Objects.requireNonNull(net, "net");
    this.loop = net.scheduler();
    this.current = Objects.requireNonNull(future, "future");
    this.blockTime = Objects.requireNonNull(blockTime, "blockTime");
    this.random = new SplittableRandom(net.seed() * 31 + 7);
    if (!future.contains(startHead)) {
      throw new IllegalArgumentException("start head #" + startHead + " is not on the chain");
    }
    this.head = startHead;
    this.startHead = startHead;
    this.planned = future;
    branches.add(future);
    for (long n = future.firstNumber(); n <= startHead; n++) {
      future.header(n); // puts it in the chain's hash index, so peers can serve it by hash
    }
  }

  /** An honest peer that announces each new head between {@code minDelay} and {@code maxDelay} after it appears. */
  public SimulatedPeer addPeer(String id, PeerProfile profile, Duration minDelay, Duration maxDelay, PeerBehaviour... behaviours) {
    if (maxDelay.compareTo(minDelay) < 0) {
      throw new IllegalArgumentException("maxDelay " + maxDelay + " is below minDelay " + minDelay);
    }
    SimulatedPeer peer = net.addPeer(id, view(), profile, behaviours);
    members.add(new Member(peer, minDelay, maxDelay));
    return peer;
  }

  /** A liar: serves the chain as it is now and never follows it; see {@link #lieAt}. */
  public SimulatedPeer addLiar(String id, PeerProfile profile, PeerBehaviour... behaviours) {
    return net.addPeer(id, view(), profile, behaviours);
  }

  /**
   * At tick {@code tick} (1-based), the top {@code depth} blocks are replaced by a fork of
   * {@code depth + 1}. The fork is made now, so {@link #branches()} names every chain a store may
   * hold before the run starts; reorganisations must therefore be planned in tick order.
   */
  public void reorgAt(int tick, int depth, ForkWeight weight) {
    Objects.requireNonNull(weight, "weight");
    if (depth < 1 || tick <= lastReorgTick) {
      throw new IllegalArgumentException("depth must be positive and reorganisations planned in tick order after tick "
          + lastReorgTick + ", got tick " + tick + " depth " + depth);
    }
    long headBefore = startHead + tick - 1; // every tick moves the head up by exactly one block
    long forkPoint = headBefore - depth;
    LazyHeaderChain fork = planned.fork(forkPoint, planned.headNumber() - forkPoint + 1, weight, random.nextLong());
    reorgs.put(tick, new Reorg(depth, weight, fork));
    branches.add(fork);
    planned = fork;
    lastReorgTick = tick;
  }

  /** At tick {@code tick}, {@code liar} announces a branch of kind {@code lie}, shortly before honest peers announce the new head. */
  public void lieAt(int tick, SimulatedPeer liar, Lie lie) {
    lies.computeIfAbsent(tick, k -> new ArrayList<>()).add(Map.entry(liar, lie));
  }

  /** Schedules {@code count} ticks, one each block time from now. */
  public void produce(int count) {
    for (int i = 1; i <= count; i++) {
      loop.schedule(blockTime.multipliedBy(i), "live chain tick", this::tick);
    }
  }

  /** The chain as the network has it now. */
  public HeaderChain view() {
    return new ChainView(current, head);
  }

  public long headNumber() {
    return head;
  }

  public int ticks() {
    return ticks;
  }

  /** Every branch the chain has been on, the first the one it started with: the chains a store may hold. */
  public List<HeaderChain> branches() {
    return List.copyOf(branches);
  }

  /** The branches liars announced. */
  public List<HeaderChain> lieBranches() {
    return List.copyOf(lieBranches);
  }

  /** Every block revealed, in order, with when. */
  public List<ProducedBlock> produced() {
    return List.copyOf(produced);
  }

  private void tick() {
    ticks++;
    long now = loop.nanoTime();
    Reorg reorg = reorgs.get(ticks);
    if (reorg != null) {
      long forkPoint = head - reorg.depth();
      LazyHeaderChain fork = reorg.fork();
      if (reorg.weight() == ForkWeight.HEAVIER && fork.totalDifficulty(head + 1).compareTo(current.totalDifficulty(head)) <= 0) {
        throw new IllegalStateException("the fork at #" + forkPoint + " is not heavier when revealed");
      }
      loop.note("live chain reorganises at #" + forkPoint + ", depth " + reorg.depth());
      current = fork;
      head++;
      for (long n = forkPoint + 1; n <= head; n++) {
        produced.add(new ProducedBlock(n, current.header(n).hash(), now));
      }
    } else {
      head++;
      produced.add(new ProducedBlock(head, current.header(head).hash(), now));
    }
    for (Map.Entry<SimulatedPeer, Lie> lie : lies.getOrDefault(ticks, List.of())) {
      HeaderChain branch = lie(lie.getValue());
      lieBranches.add(branch);
      SimulatedPeer liar = lie.getKey();
      loop.schedule(Duration.ofMillis(20), liar.id() + " lies", () -> liar.announceHead(branch));
    }
    HeaderChain snapshot = view();
    for (Member m : members) {
      long span = m.maxDelay().toNanos() - m.minDelay().toNanos();
      Duration delay = m.minDelay().plusNanos(span == 0 ? 0 : random.nextLong(span + 1));
      loop.schedule(delay, m.peer().id() + " hears of #" + head, () -> m.peer().announceHead(snapshot));
    }
  }

  private HeaderChain lie(Lie lie) {
    long forkPoint = head - 2;
    return switch (lie) {
      case LIGHTER_BRANCH -> {
        LazyHeaderChain lighter = current.fork(forkPoint, 2, ForkWeight.LIGHTER, random.nextLong());
        if (lighter.totalDifficulty(head).compareTo(current.totalDifficulty(head)) >= 0) {
          throw new IllegalStateException("the lighter branch is not lighter at #" + head);
        }
        lighter.header(head - 1);
        lighter.header(head);
        yield new ChainView(lighter, head);
      }
      case INVALID_BRANCH -> {
        LazyHeaderChain valid = current.fork(forkPoint, 4, ForkWeight.ANY, random.nextLong());
        List<BlockHeader> own = new ArrayList<>();
        BlockHeader parent = current.header(forkPoint);
        for (long n = forkPoint + 1; n <= valid.headNumber(); n++) {
          BlockHeader.Builder b = valid.header(n).toBuilder().parentHash(parent.hash());
          if (n == forkPoint + 1) {
            b.extraData(new byte[40]);
          }
          BlockHeader h = SyntheticBodies.commit(b.build());
          own.add(h);
          parent = h;
        }
        yield new BranchChain(current, forkPoint, own);
      }
    };
  }
}
