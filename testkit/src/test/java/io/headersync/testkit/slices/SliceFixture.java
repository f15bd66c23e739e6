package io.headersync.testkit.slices;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.download.slices.LocalChain;
import io.headersync.sync.download.slices.SliceConfig;
import io.headersync.sync.download.slices.SliceHeaderDownloader;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
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
import java.util.TreeMap;

/**
 * The slice download in the shared scenarios: 3,000 mainnet-shaped Cancun headers from block
 * 20,000,064 (a multiple of 192), with checkpoints every 64 blocks over its first 1,280 (the
 * preverified phase), then a linear phase up to the estimated tip minus {@link #TIP_DISTANCE},
 * then a forky phase. Slices of 64 (not the production 192) so a run makes about fifty requests
 * and every peer, faulty or not, gets work.
 */
final class SliceFixture extends StrategyFixture<SliceHeaderDownloader> {

  static final long FIRST = 192L * 104_167;
  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(71).firstNumber(FIRST).length(LENGTH).build();
  static final int SLICE = 64;
  /** The checkpoints shipped with the chain: every 64th block of its first 1,280. */
  static final CheckpointHashes CHECKPOINTS = checkpoints(CHAIN, FIRST, FIRST + 1280);
  /** The branch the tip moves to in the reorg scenario: leaves 40 blocks below the head, 20 longer. */
  static final LazyHeaderChain REORG = CHAIN.fork(FIRST + LENGTH - 40, 60, ForkWeight.ANY, 72);
  /** What the fork-serving liar serves: another chain from just above the trusted start. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(FIRST + 1, LENGTH - 1, ForkWeight.ANY, 73);
  /** Where the deep liar's branch leaves the chain: above the checkpoints, in the linear phase. */
  static final long DEEP_FORK_POINT = FIRST + 1500;
  /** What the deep liar serves: the chain up to the linear phase, then a branch of its own that breaks no rule. */
  static final LazyHeaderChain DEEP_FORK = CHAIN.fork(DEEP_FORK_POINT, LENGTH - 1500, ForkWeight.ANY, 74);
  /** T: the last 500 blocks are the forky phase. */
  static final long TIP_DISTANCE = 500;
  /**
   * Six slices in the window, all of them may be in flight, two to a request: grouped requests are
   * at work, and a peer answering 30% of a request (38 headers) fills no slice and is reported.
   */
  static final SliceConfig CONFIG = SliceConfig.DEFAULT.withSliceSize(SLICE).withMemoryLimitBytes(6L * SLICE * 600)
      .withMaxInFlightSlices(6).withMaxSlicesPerRequest(2).withLinearTipDistance(TIP_DISTANCE);
  static final HeaderValidator VALIDATOR = new HeaderValidator(ChainSpecs.preset("mainnet"));
  /** Peers whose answers or announcements are wrong: each must be penalised if it was asked anything. */
  private static final List<String> FAULTY = List.of("staller", "empty", "forker", "deep-forker", "corrupter", "shuffler",
      "gappy", "generous", "garbler", "partial", "flooder");

  /** Made after the constants above, which its constructor reads. */
  static final SliceFixture INSTANCE = new SliceFixture();

  private SliceFixture() {
    super(CHAIN, REORG, VALIDATOR, FAULTY, new Timing(0x511CE, 1500, 200, 1000));
  }

  private static CheckpointHashes checkpoints(HeaderChain chain, long from, long to) {
    TreeMap<Long, Hash> map = new TreeMap<>();
    for (long n = from; n <= to; n += SLICE) {
      map.put(n, chain.hash(n));
    }
    return CheckpointHashes.of(map);
  }

  @Override public boolean testedUnasked(String peer) { return peer.equals("flooder"); }
  @Override public boolean needsTipEstimator() { return true; }

  @Override
  public void addAdversaries(SimulatedNetwork net, PeerProfile typical) {
    // Awkward but honest: legal behaviour the downloader must cope with.
    AdversarialPeers.add(net, CHAIN, typical, "slow", "quitter", "latecomer", "flaky");
    // Faulty: every answer (or announcement) is wrong in its own way. Quick, so they are tried early.
    PeerProfile quick = typical.withLatency(Duration.ofMillis(15));
    AdversarialPeers.add(net, CHAIN, quick, "partial");
    AdversarialPeers.add(net, CHAIN, typical, "flooder");
    AdversarialPeers.add(net, CHAIN, quick, "staller", "empty");
    net.addPeer("forker", CHAIN, quick,
        new PeerBehaviour.ServesFork(LIARS_FORK, CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(21))));
    // Honest below the linear phase, lying above: only the chain above its slices can tell.
    net.addPeer("deep-forker", CHAIN, quick, new PeerBehaviour.ServesFork(DEEP_FORK, CHAIN.totalDifficulty(CHAIN.headNumber())));
    AdversarialPeers.add(net, CHAIN, quick, "corrupter", "shuffler", "gappy", "generous", "garbler");
  }

  @Override
  public SliceHeaderDownloader downloader(ScenarioRun<SliceHeaderDownloader> run, HeaderStore store, HeadersClient client) {
    return SliceHeaderDownloader.builder(CONFIG, client, run.net.scheduler()).checkpoints(CHECKPOINTS).validator(VALIDATOR)
        .localChain(LocalChain.of(store)).tipEstimator(run.tip).build();
  }
}
