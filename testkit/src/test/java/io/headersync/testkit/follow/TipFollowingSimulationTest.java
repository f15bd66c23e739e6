package io.headersync.testkit.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.store.BlockRef;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.follow.FollowConfig;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.PreMergeRecipe;
import io.headersync.testkit.chain.WithBodiesRecipe;
import io.headersync.testkit.live.BranchChain;
import io.headersync.testkit.live.ChainView;
import io.headersync.testkit.live.LiveChainProducer;
import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tip follower on a live simulated network, over several seeds: it follows each new block
 * within two block times (the lag of every block of the final chain is measured on the virtual
 * clock), reorganisations of depth 1 to 64 end on the heavier branch before the merge and on the
 * peers' chosen branch after it with the old branch no longer canonical, a restart over the same
 * RocksDB store loses nothing, liars' lighter or invalid branches never become canonical and cost
 * the liar its reputation, and only the newest N bodies are kept. Every header written is audited
 * against the valid branches and the rules.
 */
class TipFollowingSimulationTest {

  private static final long TWO_BLOCK_TIMES = FollowRun.BLOCK_TIME.multipliedBy(2).toNanos();
  private static final long POST_MERGE_FIRST = 19_000_000;
  private static final int START = 100;
  private static final HeaderValidator PRE_MERGE_RULES = new HeaderValidator(PreMergeRecipe.homestead().spec());
  private static final HeaderValidator POST_MERGE_RULES = new HeaderValidator(SimulatedSync.spec());

  private static LazyHeaderChain preMerge(long seed, int length) {
    return ChainBuilder.withRecipe(new WithBodiesRecipe(PreMergeRecipe.homestead())).seed(seed).length(length).build();
  }

  private static LazyHeaderChain postMerge(long seed, int length) {
    return ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN)))
        .seed(seed).firstNumber(POST_MERGE_FIRST).length(length).build();
  }

  private static FollowRun preMergeRun(long seed, int ticks, FollowConfig config) {
    return new FollowRun(seed, preMerge(seed, START + ticks + 8), START, PRE_MERGE_RULES, config);
  }

  /**
   * A real transport asks the peer that announced a block for it first; the simulated scheduler
   * asks whoever ranks best. So that the liar's block is fetched at all, liar runs let a request
   * try every peer (seven) before it is given up, instead of the default four.
   */
  private static FollowRun liarRun(long seed, int ticks) {
    SchedulerConfig d = SchedulerConfig.DEFAULT;
    SchedulerConfig everyPeer = new SchedulerConfig(d.maxInFlightPerPeer(), d.maxQueuedRequests(), 7, d.maxQueueWait(),
        d.initialTimeout(), d.minTimeout(), d.maxTimeout(), d.rttVarianceFactor(), d.assumedRoundTrip(), d.badResponseMemory(),
        d.reputation());
    return new FollowRun(seed, preMerge(seed, START + ticks + 8), START, PRE_MERGE_RULES, FollowConfig.DEFAULT, everyPeer);
  }

  private static FollowRun postMergeRun(long seed, int ticks) {
    return new FollowRun(seed, postMerge(seed, START + ticks + 8), POST_MERGE_FIRST + START, POST_MERGE_RULES,
        FollowConfig.DEFAULT);
  }

  static Stream<Long> seeds() {
    return Stream.of(1L, 2L, 3L);
  }

  static Stream<Arguments> depthsAndSeeds() {
    List<Arguments> out = new ArrayList<>();
    for (int depth : new int[] {1, 2, 7, 32, 64}) {
      for (long seed : new long[] {11, 12}) {
        out.add(Arguments.of(depth, seed));
      }
    }
    return out.stream();
  }

  // ---------------------------------------------------------------- following

  @ParameterizedTest(name = "pre-merge seed {0}")
  @MethodSource("seeds")
  void followsEveryNewBlockWithinTwoBlockTimesBeforeTheMerge(long seed) {
    FollowRun run = preMergeRun(seed, 30, FollowConfig.DEFAULT);
    run.addHonestPeers();
    run.startFollower(InMemoryHeaderStore::create);
    run.run(30);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    assertThat(run.maxLagNanos()).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
    assertThat(run.follower.stats().blocksAdded()).isEqualTo(30);
    assertThat(run.follower.stats().limitsHeld()).isTrue();
  }

  @ParameterizedTest(name = "post-merge seed {0}")
  @MethodSource("seeds")
  void followsEveryNewBlockWithinTwoBlockTimesAfterTheMerge(long seed) {
    FollowRun run = postMergeRun(seed, 30);
    run.addHonestPeers();
    run.startFollower(InMemoryHeaderStore::create);
    run.run(30);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    assertThat(run.maxLagNanos()).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
  }

  // ---------------------------------------------------------------- reorganisations

  @ParameterizedTest(name = "pre-merge depth {0} seed {1}")
  @MethodSource("depthsAndSeeds")
  void aReorganisationEndsOnTheHeavierBranchBeforeTheMerge(int depth, long seed) {
    FollowRun run = preMergeRun(seed, 10, FollowConfig.DEFAULT);
    run.addHonestPeers();
    run.producer.reorgAt(4, depth, ForkWeight.HEAVIER);
    run.startFollower(InMemoryHeaderStore::create);
    run.run(10);

    assertReorganised(run, depth);
  }

  @ParameterizedTest(name = "post-merge depth {0} seed {1}")
  @MethodSource("depthsAndSeeds")
  void aReorganisationEndsOnTheChosenBranchAfterTheMerge(int depth, long seed) {
    FollowRun run = postMergeRun(seed, 10);
    run.addHonestPeers();
    run.producer.reorgAt(4, depth, ForkWeight.ANY);
    run.startFollower(InMemoryHeaderStore::create);
    run.run(10);

    assertReorganised(run, depth);
  }

  /** The head and canonical chain are the new branch's, every block of the old branch above the fork point is not canonical. */
  private static void assertReorganised(FollowRun run, int depth) {
    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    HeaderChain old = run.producer.branches().get(0);
    long headBefore = run.startHead + 3; // the head when tick 4 came
    for (long n = headBefore - depth + 1; n <= headBefore; n++) {
      assertThat(run.store.isCanonical(old.hash(n))).as("old #" + n + " canonical").isFalse();
    }
    assertThat(run.reorgs).as(run.describe()).contains("#" + (headBefore - depth) + " -" + depth + " +" + (depth + 1));
    assertThat(run.follower.stats().deepestReorg()).isEqualTo(depth);
    assertThat(run.maxLagNanos()).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
    assertThat(run.handbacks).isEmpty();
  }

  // ---------------------------------------------------------------- restart

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRestartOverTheSameStoreLosesNothingAndResumes(long seed, @TempDir Path dir) {
    FollowRun run = preMergeRun(seed, 20, FollowConfig.DEFAULT);
    run.addHonestPeers();
    run.producer.reorgAt(5, 7, ForkWeight.HEAVIER);
    run.producer.reorgAt(16, 3, ForkWeight.HEAVIER);
    Path db = dir.resolve("db");
    run.startFollower(genesis -> RocksDbHeaderStore.open(db, genesis));
    run.run(8);
    BlockRef headAtStop = run.store.head().orElseThrow();
    List<BlockRef> canonicalAtStop = canonical(run, run.startHead, headAtStop.number());
    long firstRunEnd = run.net.scheduler().nanoTime();
    run.stopFollower();

    // three block times pass with no follower, then a new process opens the same directory
    run.producer.produce(3);
    run.net.scheduler().runFor(FollowRun.BLOCK_TIME.multipliedBy(3));
    run.startFollower(genesis -> RocksDbHeaderStore.open(db, genesis));
    assertThat(run.store.head()).contains(headAtStop);
    assertThat(canonical(run, run.startHead, headAtStop.number())).isEqualTo(canonicalAtStop);
    long restartAt = run.net.scheduler().nanoTime();
    run.run(9);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    assertThat(run.maxLagNanos(0, firstRunEnd)).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
    assertThat(run.maxLagNanos(restartAt, Long.MAX_VALUE)).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
    run.store.close();
  }

  private static List<BlockRef> canonical(FollowRun run, long from, long to) {
    List<BlockRef> out = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      out.add(new BlockRef(n, run.store.canonicalHash(n).orElseThrow()));
    }
    return out;
  }

  // ---------------------------------------------------------------- liars

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anInvalidBranchAnnouncedByALiarIsNeverCanonicalAndTheLiarIsPenalised(long seed) {
    FollowRun run = liarRun(seed, 12);
    run.addHonestPeers();
    SimulatedPeer liar = run.producer.addLiar("liar", PeerProfile.typical());
    for (int tick : new int[] {2, 5, 8, 11}) {
      run.producer.lieAt(tick, liar, LiveChainProducer.Lie.INVALID_BRANCH);
    }
    run.startFollower(InMemoryHeaderStore::create);
    run.run(12);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    for (HeaderChain lie : run.producer.lieBranches()) {
      for (BlockHeader h : ((BranchChain) lie).ownHeaders()) {
        assertThat(run.store.header(h.hash())).as("invalid #" + h.number() + " written").isEmpty();
      }
    }
    assertThat(run.follower.stats().invalidBlocks()).as(run.describe()).isPositive();
    assertPenalised(run, liar.id());
    assertThat(run.maxLagNanos()).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aLighterBranchClaimingMoreWorkIsNeverCanonicalAndTheLiarIsPenalised(long seed) {
    FollowRun run = liarRun(seed, 12);
    run.addHonestPeers();
    HeaderChain start = run.producer.view();
    SimulatedPeer liar = run.producer.addLiar("liar", PeerProfile.typical(),
        new PeerBehaviour.ServesFork(start, start.totalDifficulty(start.headNumber()).shiftLeft(8)));
    for (int tick : new int[] {2, 5, 8, 11}) {
      run.producer.lieAt(tick, liar, LiveChainProducer.Lie.LIGHTER_BRANCH);
    }
    run.startFollower(InMemoryHeaderStore::create);
    run.run(12);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    for (HeaderChain lie : run.producer.lieBranches()) {
      ChainView view = (ChainView) lie;
      assertThat(run.store.isCanonical(view.hash(view.headNumber()))).isFalse();
    }
    assertPenalised(run, liar.id());
    assertThat(run.maxLagNanos()).as(run.describe()).isLessThanOrEqualTo(TWO_BLOCK_TIMES);
  }

  /**
   * The follower reported the liar, and no one else; the report cost it reputation. (Its score is
   * not compared with the honest peers': the scheduler also charges them for each empty answer
   * to a question about the liar's blocks, which they do not have.)
   */
  private static void assertPenalised(FollowRun run, PeerId liar) {
    assertThat(run.reported).as(run.describe()).contains(liar).containsOnly(liar);
    assertThat(run.scheduler.reputation().score(liar)).isNegative();
  }

  // ---------------------------------------------------------------- bodies

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void onlyTheBodiesOfTheNewestNBlocksAreKept(long seed) {
    FollowRun run = preMergeRun(seed, 12, FollowConfig.DEFAULT.withBodiesKept(4));
    run.addHonestPeers();
    run.producer.reorgAt(6, 2, ForkWeight.HEAVIER);
    run.startFollower(InMemoryHeaderStore::create);
    run.run(12);

    assertThat(run.audit()).as(run.describe()).isEqualTo("ok");
    long head = run.store.head().orElseThrow().number();
    for (long n = run.startHead + 1; n <= head; n++) {
      boolean kept = n > head - 4;
      assertThat(run.store.body(run.store.canonicalHash(n).orElseThrow()).isPresent()).as("body #" + n + " of head #" + head)
          .isEqualTo(kept);
    }
    HeaderChain old = run.producer.branches().get(0);
    long headBefore = run.startHead + 5;
    for (long n = headBefore - 1; n <= headBefore; n++) {
      assertThat(run.store.body(old.hash(n))).as("body of the replaced #" + n).isEmpty();
    }
  }
}
