package io.headersync.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.sync.controller.LimitCheck;
import io.headersync.sync.controller.Strategy;
import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code headersync sim}: one whole sync over a simulated network on virtual time, printed as one
 * JSON line. The same engine as a real sync (controller, strategies, stages, request scheduler)
 * against simulated peers; see {@code io.headersync.testkit.run.SimulatedSync}.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs one header sync over a simulated network of honest and adversarial peers, on virtual time, and prints "
            + "one JSON line: headers, virtual and CPU seconds, headers per virtual second against the network's own "
            + "limit (bandwidth_bound_headers_per_second) and their ratio, peak heap, bad peers banned, and more.",
        "Exits 0 only when the run ended on the expected chain, stored no invalid header and held every configured "
            + "memory limit; otherwise 1, with the reason on standard error."})
final class SimCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "auto", converter = StrategyConverter.class,
      description = "auto, reverse, skeleton or slices (default: ${DEFAULT-VALUE}). auto runs slices over the chain's "
          + "shipped checkpoints, then reverse to the trusted target.")
  Strategy strategy;

  @Option(names = "--peers", paramLabel = "N", defaultValue = "8",
      description = "Peers in the network, adversarial ones included (default: ${DEFAULT-VALUE}).")
  int peers;

  @Option(names = "--adversarial", paramLabel = "K", defaultValue = "0",
      description = "How many of the peers are adversarial, one behaviour each in turn: staller, empty, forker, corrupter, "
          + "shuffler, gappy, generous, garbler, flooder, partial, slow, quitter (default: ${DEFAULT-VALUE}; at most N-1).")
  int adversarial;

  @Option(names = "--headers", paramLabel = "H", defaultValue = "10000",
      description = "Headers to sync above the trusted start block (default: ${DEFAULT-VALUE}).")
  long headers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the chain and the network; the same flags give the same run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "100",
      description = "Every peer's round-trip time in milliseconds (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--bandwidth-mbps", paramLabel = "B", defaultValue = "16",
      description = "Every peer's link toward us in megabits per second (default: ${DEFAULT-VALUE}, i.e. 2 MB/s).")
  double bandwidthMbps;

  @Option(names = "--jitter-ms", paramLabel = "J", defaultValue = "0",
      description = "The most extra delay of one answer, in milliseconds (default: ${DEFAULT-VALUE}).")
  long jitterMs;

  @Option(names = "--datadir", paramLabel = "DIR",
      description = "Sync into a RocksDB data directory (created, or resumed if it holds this run's chain); "
          + "default: an in-memory store.")
  Path datadir;

  @Option(names = "--time-limit-s", paramLabel = "T", defaultValue = "7200",
      description = "Virtual seconds after which an unfinished run stops and fails (default: ${DEFAULT-VALUE}).")
  long timeLimitSeconds;

  @Option(names = "--checkpoint-coverage", paramLabel = "F", defaultValue = "0.9",
      description = "Fraction of the chain its shipped checkpoint hashes cover, for slices and auto (default: ${DEFAULT-VALUE}).")
  double checkpointCoverage;

  // Hidden, for tests of this command: they make a sound run be judged a failure, to show that a
  // broken limit or a wrong chain reaches the exit code (see SimulationSettings.Audit).
  @Option(names = "--audit-limit-scale", hidden = true, defaultValue = "1.0",
      description = "Judge the memory limits at their configured value times this.")
  double auditLimitScale;

  @Option(names = "--audit-chain-seed", hidden = true,
      description = "Judge the store against the chain of this seed instead of the one served.")
  Long auditChainSeed;

  @Override
  public Integer call() {
    SimulationSettings settings = settings();
    SimulationResult r = SimulatedSync.run(settings);
    spec.commandLine().getOut().println(json(r));
    spec.commandLine().getOut().flush();
    if (!r.succeeded()) {
      throw new CommandFailure(ExitCodes.INVALID, r.problems(), null);
    }
    return ExitCodes.OK;
  }

  private SimulationSettings settings() {
    if (peers < 1) {
      throw usage("--peers must be at least 1, got " + peers);
    }
    if (adversarial < 0 || adversarial >= peers) {
      throw usage("--adversarial must be between 0 and --peers minus 1 (" + (peers - 1) + "), got " + adversarial);
    }
    if (headers < 1) {
      throw usage("--headers must be at least 1, got " + headers);
    }
    if (latencyMs < 0 || jitterMs < 0) {
      throw usage("--latency-ms and --jitter-ms must not be negative, got " + latencyMs + " and " + jitterMs);
    }
    long bytesPerSecond = Math.round(bandwidthMbps * 1_000_000 / 8);
    if (!(bandwidthMbps > 0) || bytesPerSecond < 1) {
      throw usage("--bandwidth-mbps must be positive (at least 0.000008), got " + bandwidthMbps);
    }
    if (timeLimitSeconds < 1) {
      throw usage("--time-limit-s must be at least 1, got " + timeLimitSeconds);
    }
    if (!(checkpointCoverage >= 0 && checkpointCoverage <= 1)) {
      throw usage("--checkpoint-coverage must lie between 0 and 1, got " + checkpointCoverage);
    }
    if (!(auditLimitScale > 0)) {
      throw usage("--audit-limit-scale must be positive, got " + auditLimitScale);
    }
    SimulationSettings.Audit audit = new SimulationSettings.Audit(auditLimitScale,
        auditChainSeed == null ? OptionalLong.empty() : OptionalLong.of(auditChainSeed));
    SimulationSettings s = SimulationSettings.DEFAULT.withAudit(audit).withStrategy(strategy).withPeers(peers, adversarial).withHeaders(headers)
        .withSeed(seed).withLink(Duration.ofMillis(latencyMs), bytesPerSecond).withJitter(Duration.ofMillis(jitterMs))
        .withVirtualTimeLimit(Duration.ofSeconds(timeLimitSeconds)).withCheckpointCoverage(checkpointCoverage);
    return datadir == null ? s : s.withDataDirectory(datadir);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static String json(SimulationResult r) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("headers", r.headers());
    o.put("virtual_seconds", round(r.virtualSeconds()));
    o.put("cpu_seconds", round(r.cpuSeconds()));
    o.put("headers_per_virtual_second", round(r.headersPerVirtualSecond()));
    o.put("bandwidth_bound_headers_per_second", round(r.bound().total()));
    o.put("ratio", round(r.ratio()));
    o.put("peak_heap_mb", round(r.peakHeapMb()));
    o.put("bad_peers_banned", r.badPeersBanned());
    o.put("strategy", r.settings().strategy().name().toLowerCase(Locale.ROOT));
    ArrayNode legs = o.putArray("legs");
    r.strategies().forEach(s -> legs.add(s.name().toLowerCase(Locale.ROOT)));
    o.put("seed", r.settings().seed());
    o.put("peers", r.settings().peers());
    o.put("adversarial", r.settings().adversarial());
    o.put("latency_ms", r.settings().latency().toMillis());
    o.put("bandwidth_bytes_per_second", r.settings().bandwidthBytesPerSecond());
    o.put("bytes_per_header", round(r.bound().bytesPerHeader()));
    o.put("bound_is_link_limited", r.bound().linkLimited());
    o.put("sync_cpu_seconds", round(r.syncCpuSeconds()));
    o.put("simulation_cpu_seconds", round(r.simulationSeconds()));
    o.put("process_cpu_seconds", round(r.processCpuSeconds()));
    o.put("wall_seconds", round(r.wallSeconds()));
    o.put("headers_per_sync_cpu_second", round(r.headersPerSyncCpuSecond()));
    o.put("peak_heap_after_gc_mb", round(r.peakHeapAfterGcMb()));
    o.put("adversaries_penalised", r.adversariesPenalised());
    o.put("wrong_answerers_asked", r.wrongAnswerersAsked());
    o.put("wrong_answerers_penalised", r.wrongAnswerersPenalised());
    o.put("requests_sent", r.requestsSent());
    o.put("unwinds", r.unwinds());
    o.put("start_head", r.startHead());
    o.put("end_head", r.endHead());
    o.put("synced", r.synced());
    o.put("ended_on_expected_chain", r.endedOnExpectedChain());
    o.put("invalid_headers_stored", r.invalidHeadersStored());
    o.put("limits_held", r.limitsHeld());
    ObjectNode limits = o.putObject("limits");
    for (LimitCheck l : r.limits()) {
      ObjectNode one = limits.putObject(l.name().replace(' ', '_'));
      one.put("peak", l.peak());
      one.put("limit", l.limit());
    }
    o.put("audit", r.audit());
    r.failure().ifPresent(f -> o.put("failure", f));
    return o.toString();
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
  }

  /** Strategy names in lower case, as the help shows them (upper case works too). */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      return EnumNames.find(Strategy.class, value.trim()).orElseThrow(() -> new TypeConversionException(
          "expected one of " + EnumNames.list(Strategy.class) + ", got '" + value + "'"));
    }
  }
}
