package io.headersync.testkit.reverse;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.download.reverse.ReverseConfig;
import io.headersync.sync.download.reverse.ReverseHeaderDownloader;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.scenario.AdversarialPeers;
import io.headersync.testkit.scenario.ScenarioRun;
import io.headersync.testkit.scenario.StrategyFixture;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The reverse download in the shared scenarios: 3,000 mainnet-shaped Cancun headers from block
 * 20,000,000, small requests so that a sync makes about fifty of them and every peer gets work.
 */
final class ReverseFixture extends StrategyFixture<ReverseHeaderDownloader> {

  static final long FIRST = 20_000_000;
  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(91).firstNumber(FIRST).length(LENGTH).build();
  /** The branch the tip moves to in the reorg scenario: leaves 40 blocks below the head, 20 longer. */
  static final LazyHeaderChain REORG = CHAIN.fork(FIRST + LENGTH - 40, 60, ForkWeight.ANY, 92);
  /** What the fork-serving liar serves: another chain from just above the trusted start. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(FIRST + 1, LENGTH - 1, ForkWeight.ANY, 93);
  static final ReverseConfig CONFIG = ReverseConfig.DEFAULT.withRequestLimit(64).withConcurrency(2, 12)
      .withMaxBufferedHeaders(64 * 12).withMaxBatchHeaders(64).withCommitThreshold(500);
  static final HeaderValidator VALIDATOR = new HeaderValidator(ChainSpecs.preset("mainnet"));
  private static final List<String> FAULTY =
      List.of("staller", "empty", "forker", "corrupter", "shuffler", "gappy", "generous", "garbler");

  /** Made after the constants above, which its constructor reads. */
  static final ReverseFixture INSTANCE = new ReverseFixture();

  private ReverseFixture() {
    super(CHAIN, REORG, VALIDATOR, FAULTY, new Timing(0x5EED, 900, 0, 1500));
  }

  @Override
  public void addAdversaries(SimulatedNetwork net, PeerProfile typical) {
    // Awkward but honest: legal behaviour the downloader must cope with.
    AdversarialPeers.add(net, CHAIN, typical, "slow", "partial", "quitter", "latecomer", "flooder", "flaky");
    // Faulty: every answer is wrong in its own way. Low latency, so the scheduler tries them early.
    PeerProfile quick = typical.withLatency(Duration.ofMillis(15));
    AdversarialPeers.add(net, CHAIN, quick, "staller", "empty");
    // Joins once the target is resolved: asked for the target by hash it could only answer empty,
    // which would rank it last for the rest of the run; asked for ranges, it serves its fork.
    net.addPeer("forker", CHAIN, quick, new PeerBehaviour.JoinsLate(Duration.ofMillis(60)),
        new PeerBehaviour.ServesFork(LIARS_FORK, CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(21))));
    AdversarialPeers.add(net, CHAIN, quick, "corrupter", "shuffler", "gappy", "generous", "garbler");
  }

  @Override
  public ReverseHeaderDownloader downloader(ScenarioRun<ReverseHeaderDownloader> run, HeaderStore store, HeadersClient client) {
    return new ReverseHeaderDownloader(CONFIG, client, VALIDATOR, run.net.scheduler(), () -> run.scheduler.connectedPeers().size(),
        store::header);
  }
}
