package io.headersync.sync.controller;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.ReverseHeaderDownloader;
import io.headersync.sync.download.skeleton.SkeletonHeaderDownloader;
import io.headersync.sync.download.skeleton.SkeletonStats;
import io.headersync.sync.download.slices.LocalChain;
import io.headersync.sync.download.slices.SliceHeaderDownloader;
import io.headersync.sync.download.slices.SliceStats;
import io.headersync.sync.download.slices.TipEstimator;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.stages.BodiesStage;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.Stage;
import io.headersync.sync.stages.StageException;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.sync.time.TaskScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a header sync toward a target: chooses the strategy of each leg ({@link StrategyChoice}),
 * builds its downloader, and runs it in a {@link Pipeline} of the headers stage, the
 * total-difficulty stage and (when configured) the bodies stage over the store. When a leg ends
 * short of the target (a leg over the shipped checkpoints), the next leg is chosen from the new
 * head; when the target is canonical the controller is {@link State#SYNCED} until a new target
 * comes.
 *
 * <p>Everything runs on the sync event loop; call every method from it. Every stage writes its
 * checkpoint atomically with its data, so a controller built over a store a killed process left
 * behind resumes where that one stopped: a reverse walk continues below its lowest stored header,
 * the other strategies from the canonical head.
 *
 * <p>A target given during a leg toward the sync's target moves that leg's downloader (it copes
 * with reorganisations itself); during a leg toward a checkpoint it is only remembered.
 */
public final class SyncController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncController.class);

  /**
   * Legs in a row that end without moving the head or reaching the target before the controller
   * gives up: a stage that is done at once would otherwise be restarted forever.
   */
  private static final int MAX_FRUITLESS_LEGS = 3;

  /** Where the controller is. */
  public enum State {
    /** No target given yet. */
    IDLE,
    /** A leg is running. */
    SYNCING,
    /** The target is canonical, its total difficulty stored. */
    SYNCED,
    /** A stage failed; {@link SyncStatus#failure()} says why. Restart with a new controller. */
    FAILED,
    CLOSED
  }

  /** Told when a leg starts and when the sync reaches its target or fails. Called on the loop. */
  public interface Listener {
    default void legStarted(StrategyChoice.Leg leg, long fromHead) {}

    default void synced(BlockRef head) {}

    default void failed(RuntimeException cause) {}
  }

  private final SyncControllerConfig config;
  private final HeaderStore store;
  private final TaskScheduler loop;
  private final HeaderValidator validator;
  private final HeadersClient client;
  private final BodiesClient bodiesClient;
  private final IntSupplier usablePeers;
  private final CheckpointHashes checkpoints;
  private final TipEstimator tipEstimator;
  private final SealVerifier seals;
  private Listener listener = new Listener() {};

  private State state = State.IDLE;
  private SyncTarget target;
  private TargetTrust trust;
  private StrategyChoice.Leg leg;
  private HeaderDownloader downloader;
  private HeadersStage headersStage;
  private Pipeline pipeline;
  private int legs;
  private int unwinds;
  private final List<LimitCheck> finishedLimits = new ArrayList<>();
  private RuntimeException failure;
  private long headAtLegStart;
  private int fruitlessLegs;

  private SyncController(Builder b) {
    this.config = b.config;
    this.store = b.store;
    this.loop = b.loop;
    this.validator = b.validator;
    this.client = Objects.requireNonNull(b.client, "a headers client (or the request scheduler) is required");
    this.usablePeers = Objects.requireNonNull(b.usablePeers, "usablePeers");
    this.bodiesClient = b.bodiesClient;
    this.checkpoints = b.checkpoints;
    this.tipEstimator = b.tipEstimator;
    this.seals = b.seals;
    if (config.bodies().isPresent() && bodiesClient == null) {
      throw new IllegalArgumentException("a bodies range is configured but no bodies client was given");
    }
  }

  /**
   * @param store where the chain goes; it must hold at least one canonical block (the genesis, or a
   *     trusted header to start from) with its total difficulty
   * @param loop the sync event loop
   * @param validator the header rules of the chain
   */
  public static Builder builder(SyncControllerConfig config, HeaderStore store, TaskScheduler loop, HeaderValidator validator) {
    return new Builder(config, store, loop, validator);
  }

  /** The parts of a controller beyond the required ones. */
  public static final class Builder {
    private final SyncControllerConfig config;
    private final HeaderStore store;
    private final TaskScheduler loop;
    private final HeaderValidator validator;
    private HeadersClient client;
    private BodiesClient bodiesClient;
    private IntSupplier usablePeers;
    private CheckpointHashes checkpoints = CheckpointHashes.empty();
    private TipEstimator tipEstimator;
    private SealVerifier seals;

    private Builder(SyncControllerConfig config, HeaderStore store, TaskScheduler loop, HeaderValidator validator) {
      this.config = Objects.requireNonNull(config, "config");
      this.store = Objects.requireNonNull(store, "store");
      this.loop = Objects.requireNonNull(loop, "loop");
      this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** Requests headers and bodies through {@code scheduler}, and scales with its connected peers. */
    public Builder scheduler(RequestScheduler scheduler) {
      Objects.requireNonNull(scheduler, "scheduler");
      return client(scheduler, () -> scheduler.connectedPeers().size()).bodiesClient(scheduler);
    }

    /** Requests headers through {@code value} (e.g. a scheduler behind a recorder); {@code peers} counts usable peers. */
    public Builder client(HeadersClient value, IntSupplier peers) {
      client = Objects.requireNonNull(value, "client");
      usablePeers = Objects.requireNonNull(peers, "peers");
      return this;
    }

    public Builder bodiesClient(BodiesClient value) {
      bodiesClient = value;
      return this;
    }

    /** Hashes shipped with the binary for this chain (default none). */
    public Builder checkpoints(CheckpointHashes value) {
      checkpoints = Objects.requireNonNull(value, "checkpoints");
      return this;
    }

    /** Where slice legs get the tip estimate that ends their linear phase (default none: the target is taken as the tip). */
    public Builder tipEstimator(TipEstimator value) {
      tipEstimator = value;
      return this;
    }

    /** Seal checks for skeleton legs (default none; see {@link SkeletonHeaderDownloader}'s constructor). */
    public Builder seals(SealVerifier value) {
      seals = value;
      return this;
    }

    public SyncController build() {
      return new SyncController(this);
    }
  }

  public void setListener(Listener value) {
    listener = Objects.requireNonNull(value, "listener");
  }

  public State state() {
    return state;
  }

  /**
   * Syncs toward {@code newTarget} from now on: starts the first leg, moves the current one, or,
   * once synced, starts a new one.
   */
  public void syncTo(SyncTarget newTarget, TargetTrust newTrust) {
    Objects.requireNonNull(newTarget, "target");
    Objects.requireNonNull(newTrust, "trust");
    if (state == State.CLOSED || state == State.FAILED) {
      return;
    }
    target = newTarget;
    trust = newTrust;
    if (state == State.SYNCING && leg.last()) {
      headersStage.setTarget(newTarget);
      leg = new StrategyChoice.Leg(leg.strategy(), newTarget, true, leg.reason());
      return;
    }
    if (state == State.SYNCING) {
      return; // a leg toward a checkpoint: the next leg heads for the new target
    }
    startLeg();
  }

  /** Where the sync stands. */
  public SyncStatus status() {
    SortedMap<String, Long> cps = new TreeMap<>();
    for (Map.Entry<String, Checkpoint> e : store.checkpoints().entrySet()) {
      cps.put(e.getKey(), e.getValue().number());
    }
    List<LimitCheck> limits = new ArrayList<>(finishedLimits);
    if (downloader != null) {
      limits.addAll(limitsOf(downloader));
    }
    return new SyncStatus(state, Optional.ofNullable(leg).map(StrategyChoice.Leg::strategy),
        leg == null ? "" : leg.reason(), legs, store.head(), Optional.ofNullable(target),
        Optional.ofNullable(leg).map(StrategyChoice.Leg::target), cps,
        Optional.ofNullable(downloader).map(HeaderDownloader::stats), limits, unwinds + currentUnwinds(),
        Optional.ofNullable(failure).map(RuntimeException::getMessage));
  }

  /** The current leg's downloader, for figures beyond {@link DownloaderStats} (empty between legs). */
  public Optional<HeaderDownloader> downloader() {
    return Optional.ofNullable(downloader);
  }

  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    endLeg();
    state = State.CLOSED;
  }

  // ---------------------------------------------------------------- legs

  private void startLeg() {
    BlockHeader head = localHead();
    if (store.isCanonical(target.hash()) && totalDifficultyReached(head.number())) {
      state = State.SYNCED;
      listener.synced(new BlockRef(head.number(), head.hash()));
      return;
    }
    leg = StrategyChoice.choose(config.strategy(), head.number(), checkpoints, target, trust);
    legs++;
    headAtLegStart = head.number();
    LOG.info("sync leg {}: {} from #{} toward {} ({})", legs, leg.strategy(), head.number(), leg.target().hash(), leg.reason());
    listener.legStarted(leg, head.number());
    downloader = newDownloader(leg.strategy());
    int threshold = config.commitThresholdFor(leg.strategy());
    headersStage = new HeadersStage(store, downloader, threshold);
    List<Stage> stages = new ArrayList<>(List.of(headersStage, new TotalDifficultyStage(store, config.totalDifficultyChunk())));
    config.bodies().ifPresent(range -> stages.add(new BodiesStage(store, bodiesClient, loop, range, config.bodiesPerRequest(),
        config.bodiesRetryDelay())));
    pipeline = new Pipeline(store, loop, stages);
    Pipeline mine = pipeline;
    pipeline.setOnFinished(() -> loop.execute(() -> legFinished(mine)));
    state = State.SYNCING;
    headersStage.setTarget(leg.target());
    pipeline.start();
  }

  private HeaderDownloader newDownloader(Strategy strategy) {
    return switch (strategy) {
      case REVERSE -> new ReverseHeaderDownloader(config.reverse(), client, validator, loop, usablePeers, store::header);
      case SKELETON -> new SkeletonHeaderDownloader(config.skeleton(), client, loop, store, validator, seals, usablePeers);
      case SLICES -> SliceHeaderDownloader.builder(config.slices(), client, loop).checkpoints(checkpoints).validator(validator)
          .localChain(LocalChain.of(store)).tipEstimator(tipEstimator).build();
      case AUTO -> throw new IllegalStateException("AUTO is resolved before a downloader is built");
    };
  }

  private void legFinished(Pipeline finished) {
    if (finished != pipeline || state != State.SYNCING) {
      return; // an older leg's pipeline, or already handled
    }
    if (pipeline.state() == Pipeline.State.FAILED) {
      failure = pipeline.failure().orElseGet(() -> new IllegalStateException("the pipeline failed without a reason"));
      LOG.error("sync failed on its {} leg: {}", leg.strategy(), failure.getMessage());
      endLeg();
      state = State.FAILED;
      listener.failed(failure);
      return;
    }
    if (pipeline.state() != Pipeline.State.DONE) {
      return;
    }
    long reached = store.head().map(BlockRef::number).orElse(-1L);
    fruitlessLegs = reached > headAtLegStart || store.isCanonical(target.hash()) ? 0 : fruitlessLegs + 1;
    endLeg();
    if (fruitlessLegs >= MAX_FRUITLESS_LEGS) {
      failure = new IllegalStateException(MAX_FRUITLESS_LEGS + " legs in a row ended without moving the head #" + reached
          + " or reaching the target " + target.hash());
      LOG.error("sync failed: {}", failure.getMessage());
      state = State.FAILED;
      listener.failed(failure);
      return;
    }
    state = State.IDLE;
    startLeg();
  }

  /** Keeps the finished leg's limits and closes its downloader and pipeline. */
  private void endLeg() {
    if (pipeline != null) {
      unwinds += pipeline.unwinds().size();
      pipeline.close();
      pipeline = null;
    }
    if (downloader != null) {
      finishedLimits.addAll(limitsOf(downloader));
      downloader.close();
      downloader = null;
    }
    headersStage = null;
  }

  private int currentUnwinds() {
    return pipeline == null ? 0 : pipeline.unwinds().size();
  }

  private boolean totalDifficultyReached(long head) {
    return store.checkpoint(TotalDifficultyStage.ID).map(cp -> cp.number() >= head).orElse(false)
        || store.oldestCanonical().map(o -> o.number() == head).orElse(false);
  }

  private BlockHeader localHead() {
    BlockRef head = store.head().orElseThrow(() -> new StageException(HeadersStage.ID, StageException.Kind.NO_LOCAL_HEAD, -1,
        "the store has no canonical block; initialise it with its genesis or a trusted header first"));
    return store.header(head.hash()).orElseThrow(() -> new StageException(HeadersStage.ID,
        StageException.Kind.MISSING_HEADER, head.number(), "the canonical head " + head.hash() + " has no header"));
  }

  /** The configured limits of {@code d} with the most it held, by strategy. */
  static List<LimitCheck> limitsOf(HeaderDownloader d) {
    List<LimitCheck> out = new ArrayList<>();
    DownloaderStats s = d.stats();
    switch (d) {
      case ReverseHeaderDownloader r -> out.add(new LimitCheck("reverse buffered headers", s.peakBufferedHeaders(),
          s.bufferLimitHeaders()));
      case SkeletonHeaderDownloader k -> {
        SkeletonStats ks = k.skeletonStats();
        out.add(new LimitCheck("skeleton pending links", s.peakBufferedHeaders(), s.bufferLimitHeaders()));
        out.add(new LimitCheck("skeleton persisted links", ks.peakPersistedLinks(), ks.persistedLinkLimit()));
        out.add(new LimitCheck("skeleton anchors", ks.peakAnchors(), ks.anchorLimit()));
      }
      case SliceHeaderDownloader l -> {
        SliceStats ls = l.sliceStats();
        out.add(new LimitCheck("slice window slices", ls.peakWindowSlices(), ls.windowSliceLimit()));
        out.add(new LimitCheck("slice window headers", ls.peakWindowHeaders(), ls.windowHeaderLimit()));
        out.add(new LimitCheck("slice fork headers", ls.peakForkHeaders(), ls.forkHeaderLimit()));
      }
      default -> out.add(new LimitCheck("buffered headers", s.peakBufferedHeaders(), s.bufferLimitHeaders()));
    }
    return out;
  }
}
