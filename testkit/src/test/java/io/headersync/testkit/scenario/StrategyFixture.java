package io.headersync.testkit.scenario;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What differs between strategies in a {@link ScenarioRun}: the chain and its reorg branch, the
 * rules, the adversarial peers and which of them count as faulty, the downloader, and the random
 * windows in which the reorg and the restart fall (as each suite's seeds were drawn against).
 *
 * @param <D> the downloader, so that a suite reads its own figures from each life
 */
public abstract class StrategyFixture<D extends HeaderDownloader> {

  /**
   * When the reorg and the restart fall: the reorg within {@code 100 + [0, reorgMillis)} ms, the
   * trusted target following it after a further {@code [0, targetLagMillis)} ms (0: at once), the
   * restart within {@code 20 + [0, restartMillis)} ms; {@code salt} is mixed into the seed of these draws.
   */
  public record Timing(long salt, int reorgMillis, int targetLagMillis, int restartMillis) {}

  private final LazyHeaderChain chain;
  private final LazyHeaderChain reorg;
  private final HeaderValidator validator;
  private final List<String> faultyPeers;
  private final Timing timing;

  /**
   * @param chain the chain honest peers serve; the store begins with its first block, the trusted start
   * @param reorg the branch the honest peers and the trusted target move to in {@link Scenario#REORG}
   * @param validator the consensus rules the downloader checks
   * @param faultyPeers names of the peers whose answers (or announcements) are wrong: each must be penalised
   */
  protected StrategyFixture(LazyHeaderChain chain, LazyHeaderChain reorg, HeaderValidator validator, List<String> faultyPeers,
      Timing timing) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.reorg = Objects.requireNonNull(reorg, "reorg");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.faultyPeers = List.copyOf(faultyPeers);
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  public final LazyHeaderChain chain() {
    return chain;
  }

  public final LazyHeaderChain reorg() {
    return reorg;
  }

  public final HeaderValidator validator() {
    return validator;
  }

  public final List<String> faultyPeers() {
    return faultyPeers;
  }

  public final Timing timing() {
    return timing;
  }

  /** Chains a header written may lie on. Default: the chain and the reorg branch. */
  public List<HeaderChain> validChains() {
    return List.of(chain, reorg);
  }

  /** Rules the store checks each header against its parent, besides the sync's own. Default: none. */
  public Optional<HeaderValidator> storeRules() {
    return Optional.empty();
  }

  /** Headers the stages gather before one write. Default 500: several writes per run. */
  public int commitThreshold() {
    return 500;
  }

  /** Whether a faulty peer counts as put to the test without being asked anything (an announcement flooder). */
  public boolean testedUnasked(String peer) {
    return false;
  }

  /** Whether the run needs a tip estimator listening to the peers. */
  public boolean needsTipEstimator() {
    return false;
  }

  /** Adds the awkward-but-honest and the faulty peers of {@link Scenario#ADVERSARIAL}. */
  public abstract void addAdversaries(SimulatedNetwork net, PeerProfile typical);

  /** A downloader for one life of the sync. */
  public abstract D downloader(ScenarioRun<D> run, HeaderStore store, HeadersClient client);
}
