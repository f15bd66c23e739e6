package io.headersync.testkit.run;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.chain.Fork;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.store.BlockRef;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.controller.LimitCheck;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.StrategyChoice;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.slices.TipEstimator;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.peers.SchedulerCounter;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyChainConfig;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.Seeds;
import io.headersync.testkit.sim.SimulatedNetwork;
import io.headersync.testkit.sim.SimulatedPeer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One whole sync over a simulated network, run on virtual time, measured and judged: the reusable
 * harness behind {@code headersync sim}, the sync benchmarks and the crash test.
 *
 * <p>The chain is a mainnet-shaped Cancun chain from block {@value #FIRST} (a multiple of 192, so
 * shipped checkpoints fall on slice ends) to {@code headers} blocks above it; the store begins with
 * its first block, as a node given a trusted start does. Honest peers serve it over links of the
 * configured latency and bandwidth; adversarial ones ({@link Adversaries}) lie, stall or waste
 * time. The sync checks headers by {@link #spec()}'s rules. The controller is told the chain's head as a trusted target. For {@link Strategy#SLICES}
 * and {@link Strategy#AUTO} the chain ships its own checkpoint hashes, one every 192 blocks over
 * the first {@link SimulationSettings#checkpointCoverage()} of it.
 *
 * <p>The run ends when the controller is synced or failed, or at the virtual time limit. Every
 * header written is checked against the served chain as it is written; at the end the head, a
 * sample of canonical hashes and a store audit decide whether the run ended on the expected chain.
 */
public final class SimulatedSync {

  /** The first block: the trusted start the store begins with. 192 × 104,167, a slice boundary. */
  public static final long FIRST = 192L * 104_167;
  /** Blocks between shipped checkpoints, as in the published lists. */
  public static final int CHECKPOINT_STEP = 192;
  /** Blocks a long chain's audit covers below its head. */
  private static final long PARTIAL_AUDIT = 100_000;
  /** Canonical hashes compared with the chain's at the end, spread evenly. */
  private static final int SAMPLED_HASHES = 1000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Ways to watch a run from outside (the crash test logs what each life asked for). */
  public interface Hooks {
    /** The store is open and initialised; the sync starts next. */
    default void started(HeaderStore store) {}

    /** The sync asked for {@code request} (before the scheduler has chosen a peer). */
    default void requested(HeadersRequest request) {}

    /** The sync stopped: synced, failed or out of virtual time. The audit comes next. */
    default void stopped(boolean synced) {}

    /** Hooks that do nothing. */
    static Hooks none() {
      return new Hooks() {};
    }
  }

  private final SimulationSettings settings;
  private final Hooks hooks;

  private SimulatedSync(SimulationSettings settings, Hooks hooks) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  public static SimulationResult run(SimulationSettings settings) {
    return run(settings, Hooks.none());
  }

  public static SimulationResult run(SimulationSettings settings, Hooks hooks) {
    return new SimulatedSync(settings, hooks).execute();
  }

  /**
   * Mainnet's rules with no fork after Cancun scheduled: the chain is Cancun-shaped throughout, and
   * at 12 seconds a block a chain of more than about three million headers from its 2024 start
   * would run past Prague's activation time, where mainnet's rules want another header shape.
   */
  public static ChainSpec spec() {
    ChainSpec mainnet = ChainSpecs.preset("mainnet");
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    mainnet.forkActivations().forEach((fork, at) -> {
      if (fork.ordinal() <= Fork.CANCUN.ordinal()) {
        forks.put(fork, at);
      }
    });
    Map<Fork, BlobSchedule> blobs = new EnumMap<>(Fork.class);
    mainnet.blobSchedules().forEach((fork, schedule) -> {
      if (fork.ordinal() <= Fork.CANCUN.ordinal()) {
        blobs.put(fork, schedule);
      }
    });
    return new ChainSpec(mainnet.name() + " (no fork after Cancun)", mainnet.chainId(), mainnet.networkId(), mainnet.genesis(),
        forks, mainnet.terminalTotalDifficulty(), blobs, mainnet.sealEngine(), mainnet.bootnodes());
  }

  /**
   * The chain a run with {@code settings} serves: the same settings always make the same chain.
   * Its peers find every header by hash once it has been made, as a real node finds any header it
   * holds, for chains up to {@link #COMPLETE_HASH_INDEX_LIMIT} headers; longer chains keep only the
   * most recently used hashes, which is what a reverse download asks by hash (its target) and keeps
   * a ten-million-header run inside a small heap.
   */
  public static LazyHeaderChain chain(SimulationSettings settings) {
    int hashIndex = hashIndexCapacity(settings.headers());
    return ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(Seeds.mix(settings.seed(), 1)).firstNumber(FIRST)
        .length(settings.headers()).config(new LazyChainConfig(1024, settings.cachedChainSegments(), hashIndex)).build();
  }

  /**
   * Chains up to this long are found by hash in full (about 120 bytes of heap a header): an
   * anchor's parent may have been made long before it is asked for, and a peer that forgot it
   * would answer empty where a real one answers.
   */
  public static final int COMPLETE_HASH_INDEX_LIMIT = 2_097_152;

  /** How many headers a simulated chain of {@code headers} finds by hash: all of them up to the limit, else the recent ones. */
  static int hashIndexCapacity(long headers) {
    int recent = LazyChainConfig.DEFAULT.hashIndexCapacity();
    return headers < COMPLETE_HASH_INDEX_LIMIT ? (int) Math.max(recent, headers + 1) : recent;
  }

  /** The checkpoints a run with {@code settings} ships: every 192nd block over the covered part of the chain. */
  public static CheckpointHashes checkpoints(SimulationSettings settings, HeaderChain chain) {
    if (settings.strategy() != Strategy.SLICES && settings.strategy() != Strategy.AUTO) {
      return CheckpointHashes.empty();
    }
    long covered = (long) Math.floor(settings.headers() * settings.checkpointCoverage());
    TreeMap<Long, Hash> map = new TreeMap<>();
    for (long n = FIRST + CHECKPOINT_STEP; n <= FIRST + covered; n += CHECKPOINT_STEP) {
      map.put(n, chain.hash(n));
    }
    return CheckpointHashes.of(map);
  }

  private SimulationResult execute() {
    LazyHeaderChain chain = chain(settings);
    Hash targetHash = chain.head().hash(); // makes the whole chain once, before anything is timed
    CheckpointHashes shipped = checkpoints(settings, chain);
    MeteredChain.Meter meter = new MeteredChain.Meter();
    HeaderChain served = new MeteredChain(chain, meter);

    SimulatedNetwork net = new SimulatedNetwork(settings.seed());
    SchedulerConfig schedulerConfig = SchedulerConfig.DEFAULT;
    RequestScheduler scheduler = new RequestScheduler(schedulerConfig, net.scheduler());
    net.addListener(scheduler);
    TipEstimator tip = new TipEstimator(TipEstimator.Config.DEFAULT, net.scheduler(), scheduler);
    net.addListener(tip);
    PeerProfile profile = new PeerProfile(settings.latency(), settings.jitter(), settings.bandwidthBytesPerSecond(),
        settings.serveLimits(), Capability.ETH_68, settings.wireCopies());
    for (int i = 0; i < settings.honestPeers(); i++) {
      net.addPeer("honest-" + i, served, profile);
    }
    List<PeerId> adversaries = new ArrayList<>();
    if (settings.adversarial() > 0) {
      HeaderChain liarsFork = new MeteredChain(chain.fork(FIRST, settings.headers(), ForkWeight.ANY, Seeds.mix(settings.seed(), 2)),
          meter);
      BigInteger claimed = chain.totalDifficulty(chain.headNumber()).add(BigInteger.TEN.pow(21));
      for (int i = 0; i < settings.adversarial(); i++) {
        PeerBehaviour[] behaviour = Adversaries.behaviour(i, liarsFork, claimed);
        adversaries.add(net.addPeer(Adversaries.name(i), served, profile, behaviour).id());
      }
    }

    // The chain the run is judged against: the served one, unless the settings ask for a wrong judgement on purpose.
    LazyHeaderChain expected = settings.audit().expectedChainSeed().isPresent()
        ? chain(settings.withSeed(settings.audit().expectedChainSeed().getAsLong())) : chain;
    AuditedStore store = new AuditedStore(openStore(chain), new MeteredChain(expected, meter));
    long startHead = store.head().orElseThrow().number();
    hooks.started(store);
    HeaderValidator validator = new HeaderValidator(spec());
    SyncController controller = SyncController.builder(settings.controller().withStrategy(settings.strategy()), store,
            net.scheduler(), validator)
        .client(new HookedClient(scheduler, hooks), () -> scheduler.connectedPeers().size())
        .bodiesClient(scheduler)
        .checkpoints(shipped)
        .tipEstimator(tip)
        .build();
    List<Strategy> strategies = new ArrayList<>();
    long[] times = new long[2];
    controller.setListener(new SyncController.Listener() {
      @Override
      public void legStarted(StrategyChoice.Leg leg, long fromHead) {
        strategies.add(leg.strategy());
      }
    });
    SyncTarget target = SyncTarget.of(targetHash, chain.headNumber());
    net.scheduler().schedule(Duration.ofMillis(1), "start sync", () -> {
      times[0] = net.scheduler().nanoTime();
      controller.syncTo(target, TargetTrust.TRUSTED);
    });

    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long process0 = processCpuNanos();
    long wall0 = System.nanoTime();
    boolean synced;
    try (HeapSampler heap = new HeapSampler()) {
      net.scheduler().runUntil(
          () -> controller.state() == SyncController.State.SYNCED || controller.state() == SyncController.State.FAILED,
          settings.virtualTimeLimit());
      times[1] = net.scheduler().nanoTime();
      synced = controller.state() == SyncController.State.SYNCED;
      hooks.stopped(synced);
      double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double process = (processCpuNanos() - process0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      SyncStatus status = controller.status();
      controller.close();
      scheduler.close();

      long endHead = store.head().map(BlockRef::number).orElse(-1L);
      String audit = audit(store, expected, startHead);
      List<LimitCheck> limits = judgedLimits(status.limits());
      boolean onChain = synced && audit.startsWith("ok");
      long headers = Math.max(0, endHead - startHead);
      double virtualSeconds = Math.max(0, times[1] - times[0]) / 1e9;
      // The meter counts wall time inside the chain; on a loaded machine the run's thread is off
      // the CPU for part of it, as for the rest of the run, so scale it by the thread's share.
      double onCpuShare = wall > 0 ? Math.min(1, cpu / wall) : 1;
      double simulation = meter.nanos / 1e9 * onCpuShare;
      double syncCpu = Math.max(1e-9, cpu - simulation);
      BandwidthBound bound = BandwidthBound.of(settings.honestPeers(), settings.latency(), settings.jitter(),
          settings.bandwidthBytesPerSecond(), settings.serveLimits(), meanHeaderBytes(chain), schedulerConfig.maxInFlightPerPeer());
      double rate = virtualSeconds > 0 ? headers / virtualSeconds : 0;
      int banned = 0;
      int penalised = 0;
      int wrongAsked = 0;
      int wrongPenalised = 0;
      for (int i = 0; i < adversaries.size(); i++) {
        PeerId id = adversaries.get(i);
        boolean isBanned = scheduler.reputation().isBanned(id);
        boolean isPenalised = isBanned || scheduler.reputation().score(id) < 0;
        banned += isBanned ? 1 : 0;
        penalised += isPenalised ? 1 : 0;
        if (Adversaries.answersWrongly(i) && asked(net, id)) {
          wrongAsked++;
          wrongPenalised += isPenalised ? 1 : 0;
        }
      }
      store.close();
      return new SimulationResult(settings, strategies, headers, startHead, endHead, synced, virtualSeconds, cpu, simulation,
          syncCpu, process, wall, rate, bound, bound.total() > 0 ? rate / bound.total() : 0, headers / syncCpu,
          heap.peakUsedBytes() / (1024.0 * 1024), heap.peakAfterCollectionBytes() / (1024.0 * 1024), banned, penalised,
          wrongAsked, wrongPenalised, scheduler.counters().get(SchedulerCounter.REQUESTS_SENT), status.unwinds(), onChain,
          audit, store.invalidHeaders(), store.invalidDescribed(), limits, limits.stream().allMatch(LimitCheck::held), status.failure());
    }
  }

  /** The controller's limits as the settings judge them: at their configured value, or scaled on purpose. */
  private List<LimitCheck> judgedLimits(List<LimitCheck> limits) {
    double scale = settings.audit().limitScale();
    if (scale == 1.0) {
      return limits;
    }
    return limits.stream().map(l -> new LimitCheck(l.name(), l.peak(), (long) Math.floor(l.limit() * scale))).toList();
  }

  private HeaderStore openStore(HeaderChain chain) {
    Hash first = chain.hash(FIRST);
    HeaderStore store = settings.dataDirectory().<HeaderStore>map(dir -> RocksDbHeaderStore.open(dir, first))
        .orElseGet(() -> InMemoryHeaderStore.create(first));
    if (store.head().isEmpty()) {
      BlockHeader start = chain.header(FIRST);
      store.commit(new WriteBatch().putCanonicalHeader(start, chain.totalDifficulty(FIRST)));
    }
    return store;
  }

  /** "ok: …" when the head, a sample of canonical hashes and the store audit all agree with the chain. */
  private String audit(HeaderStore store, HeaderChain chain, long startHead) {
    Optional<BlockRef> head = store.head();
    if (head.isEmpty() || head.get().number() != chain.headNumber() || !head.get().hash().equals(chain.head().hash())) {
      return "head is " + head.map(BlockRef::toString).orElse("none") + ", expected #" + chain.headNumber() + " "
          + chain.head().hash();
    }
    long span = chain.headNumber() - FIRST;
    long stride = Math.max(1, span / SAMPLED_HASHES);
    for (long n = FIRST; n <= chain.headNumber(); n += stride) {
      Optional<Hash> stored = store.canonicalHash(n);
      if (stored.isEmpty() || !stored.get().equals(chain.hash(n))) {
        return "canonical block #" + n + " is " + stored.map(Hash::toString).orElse("missing") + ", expected " + chain.hash(n);
      }
    }
    boolean full = span <= settings.fullAuditLimit();
    long from = full ? FIRST : chain.headNumber() - PARTIAL_AUDIT;
    ConsistencyReport report = StoreConsistency.check(store, from);
    if (!report.isConsistent()) {
      return "store audit: " + report;
    }
    Optional<BigInteger> td = store.totalDifficulty(chain.headNumber(), chain.head().hash());
    if (td.isEmpty() || !td.get().equals(chain.totalDifficulty(chain.headNumber()))) {
      return "head total difficulty is " + td.map(BigInteger::toString).orElse("missing") + ", expected "
          + chain.totalDifficulty(chain.headNumber());
    }
    return "ok: head, head total difficulty, " + (span / stride + 1) + " sampled hashes and "
        + (full ? "the whole store" : "the last " + PARTIAL_AUDIT + " blocks") + " audited";
  }

  private static boolean asked(SimulatedNetwork net, PeerId id) {
    for (SimulatedPeer p : net.peers()) {
      if (p.id().equals(id)) {
        return p.requestsReceived() > 0;
      }
    }
    return false;
  }

  /** The mean encoded size of a sample of the chain's headers. */
  private static double meanHeaderBytes(HeaderChain chain) {
    long span = chain.headNumber() - chain.firstNumber();
    int samples = (int) Math.min(256, span + 1);
    long total = 0;
    for (int i = 0; i < samples; i++) {
      total += chain.header(chain.firstNumber() + span * i / Math.max(1, samples)).encoded().length;
    }
    return (double) total / samples;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** Tells the hooks of every request, then passes it on. */
  private record HookedClient(HeadersClient inner, Hooks hooks) implements HeadersClient {
    @Override
    public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options,
        RequestListener<List<BlockHeader>> listener) {
      hooks.requested(request);
      return inner.requestHeaders(request, options, listener);
    }

    @Override
    public void reportPeer(PeerId peer, Offence offence, String detail) {
      inner.reportPeer(peer, offence, detail);
    }
  }
}
