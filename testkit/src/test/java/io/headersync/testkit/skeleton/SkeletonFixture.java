package io.headersync.testkit.skeleton;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.download.skeleton.SkeletonConfig;
import io.headersync.sync.download.skeleton.SkeletonHeaderDownloader;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PreMergeRecipe;
import io.headersync.testkit.scenario.AdversarialPeers;
import io.headersync.testkit.scenario.ScenarioRun;
import io.headersync.testkit.scenario.StrategyFixture;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The skeleton download in the shared scenarios: a proof-of-work chain of 3,000 blocks from its
 * genesis, so total difficulty decides between branches; the store checks each header's rules too,
 * since the lighter fork a liar serves may be written honestly for a while and unwound.
 */
final class SkeletonFixture extends StrategyFixture<SkeletonHeaderDownloader> {

  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN = ChainBuilder.preMerge().seed(71).length(LENGTH).build();
  /** Where the tip moves in the reorg scenario: a heavier branch leaving 40 blocks below the head. */
  static final LazyHeaderChain REORG = CHAIN.fork(LENGTH - 40, 60, ForkWeight.HEAVIER, 72);
  /** What the fork-serving liar serves: a lighter chain from block 1 on, claimed to be heavier. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(1, LENGTH - 1, ForkWeight.LIGHTER, 73);
  /**
   * Strides and extensions of 192 and sixteen requests at once, so a 3,000-block chain makes a
   * skeleton of many anchors; limits small enough that the link budget, eviction of both queues
   * and the anchor threshold are all at work.
   */
  static final SkeletonConfig CONFIG = SkeletonConfig.DEFAULT.withStride(192).withMaxInFlightRequests(16)
      .withLinkLimit(1024).withPersistedLinkLimit(256).withMaxAnchorsForSkeleton(6);
  static final HeaderValidator VALIDATOR = new HeaderValidator(PreMergeRecipe.homestead().spec());
  private static final List<String> FAULTY =
      List.of("staller", "empty", "forker", "corrupter", "shuffler", "gappy", "generous", "garbler");

  /** Made after the constants above, which its constructor reads. */
  static final SkeletonFixture INSTANCE = new SkeletonFixture();

  private SkeletonFixture() {
    super(CHAIN, REORG, VALIDATOR, FAULTY, new Timing(0x5CE1E7, 1500, 0, 1200));
  }

  @Override public List<HeaderChain> validChains() { return List.of(CHAIN, REORG, LIARS_FORK); }
  @Override public Optional<HeaderValidator> storeRules() { return Optional.of(VALIDATOR); }

  @Override
  public void addAdversaries(SimulatedNetwork net, PeerProfile typical) {
    // Awkward but honest: legal behaviour the downloader must cope with.
    AdversarialPeers.add(net, CHAIN, typical, "slow", "partial", "quitter", "latecomer", "flooder", "flaky");
    // Faulty: every answer is wrong in its own way. Low latency, so the scheduler tries them early.
    PeerProfile quick = typical.withLatency(Duration.ofMillis(15));
    AdversarialPeers.add(net, CHAIN, quick, "staller", "empty");
    net.addPeer("forker", CHAIN, quick, new PeerBehaviour.ServesFork(LIARS_FORK,
        CHAIN.totalDifficulty(CHAIN.headNumber()).multiply(BigInteger.TWO)));
    AdversarialPeers.add(net, CHAIN, quick, "corrupter", "shuffler", "gappy", "generous", "garbler");
  }

  @Override
  public SkeletonHeaderDownloader downloader(ScenarioRun<SkeletonHeaderDownloader> run, HeaderStore store, HeadersClient client) {
    return new SkeletonHeaderDownloader(CONFIG, client, run.net.scheduler(), store, VALIDATOR);
  }
}
