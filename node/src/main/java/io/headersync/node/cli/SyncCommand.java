package io.headersync.node.cli;

import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifierConfig;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.metrics.MetricsOptions;
import io.headersync.node.metrics.MetricsServer;
import io.headersync.node.metrics.NodeMetrics;
import io.headersync.node.progress.LogOptions;
import io.headersync.node.progress.ProgressConfig;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.node.engine.EngineOptions;
import io.headersync.node.rpc.server.RpcOptions;
import io.headersync.node.wiring.NodeRuntime;
import io.headersync.node.wiring.SyncSettings;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.follow.FollowConfig;
import io.headersync.sync.tip.TrustedTarget;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code headersync sync}: download and verify headers from devp2p peers into a data directory. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Syncs headers from devp2p peers (eth/68 and eth/69) into a data directory, verifying each one, toward --target "
            + "or, without it, the best head the peers claim; serves what it holds to peers meanwhile. Prints its enode "
            + "URL on the first line of standard output.",
        "Runs until SIGTERM or Ctrl-C, or with --until-synced until the target is stored: exit 0 then, 3 when no peer "
            + "was reachable within --peer-timeout, 1 when the sync failed (an invalid chain)."})
final class SyncCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory (created if absent).")
  Path datadir;

  @Mixin
  ChainOptions chain;

  @Mixin
  StoreOptions storeOptions;

  @Option(names = "--target", paramLabel = "HASH|N", converter = TargetConverter.class,
      description = "The block to sync to: a hash (0x and 64 hex digits), trusted, so the download walks down from it; "
          + "or a number, whose hash a peer is asked for. Default: the best head connected peers claim.")
  TrustedTarget target;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "auto", converter = SimCommand.StrategyConverter.class,
      description = "auto, reverse, skeleton or slices. auto walks down from a --target hash (reverse), otherwise "
          + "builds up toward the peers' head (skeleton). Default: ${DEFAULT-VALUE}.")
  Strategy strategy;

  @Option(names = "--until-synced", defaultValue = "false",
      description = "Exit once the target (or the best peers' head) is stored canonical. Default: ${DEFAULT-VALUE} "
          + "(keep running and follow new heads).")
  boolean untilSynced;

  @Option(names = "--peer-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Seconds to wait for the first usable peer before giving up (exit 3). Default: ${DEFAULT-VALUE}.")
  long peerTimeoutSeconds;

  @Option(names = "--seal", paramLabel = "MODE", defaultValue = "full", converter = SealModeConverter.class,
      description = "Seal checks on headers downloaded upward (skeleton): full, sampled:N (about one in N) or off. "
          + "Default: ${DEFAULT-VALUE}.")
  SealMode seal;

  @Option(names = "--bodies", paramLabel = "N", defaultValue = "0",
      description = "Bodies of the newest N canonical blocks kept in the store while following the tip (older ones are "
          + "deleted as the head moves); bodies are always checked against their header. Default: ${DEFAULT-VALUE}.")
  int bodiesKept;

  @Mixin
  ServeCommand.NetworkOptions network;

  @Mixin
  LogOptions logging;

  @Mixin
  MetricsOptions metricsOptions;

  @Mixin
  RpcOptions rpc;

  @Mixin
  EngineOptions engine;

  @Override
  public Integer call() throws InterruptedException {
    ChainSpec chainSpec = chain.resolve(spec);
    P2pConfig p2p = network.config(spec);
    if (peerTimeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--peer-timeout must be at least 1 second, got " + peerTimeoutSeconds);
    }
    if (bodiesKept < 0) {
      throw new ParameterException(spec.commandLine(), "--bodies must be 0 or more, got " + bodiesKept);
    }
    SyncSettings settings = SyncSettings.DEFAULT.withStrategy(strategy).withTarget(Optional.ofNullable(target))
        .withPeerTimeout(Duration.ofSeconds(peerTimeoutSeconds));
    try (ShutdownGuard guard = ShutdownGuard.install("sync");
        HeaderStore store = guard.closeOnStop(Stores.open(datadir, chainSpec, storeOptions));
        NodeMetrics metrics = new NodeMetrics(metricsOptions.config());
        SealVerifier seals = SealVerifiers.forChain(chainSpec, seal, SealVerifierConfig.DEFAULT, new SecureRandom())) {
      CountDownLatch stop = new CountDownLatch(1);
      guard.onStop(stop::countDown);
      ProgressReporter progress = ProgressReporter.forConsole("sync", ProgressConfig.DEFAULT);
      NodeRuntime.Builder builder = NodeRuntime.builder(chainSpec, store, network.nodeKey(datadir), p2p).sync(settings)
          .follow(FollowConfig.DEFAULT.withBodiesKept(bodiesKept)).seals(seals).metrics(metrics).progress(progress).rpc(rpc.options());
      engine.enabled().ifPresent(e -> builder.engine(e.config(), e.secret()));
      try (NodeRuntime node = builder.start()) {
        Optional<MetricsServer> server = ServeCommand.NetworkOptions.startMetrics(metricsOptions, metrics);
        try {
          PrintWriter out = spec.commandLine().getOut();
          out.println(node.enode());
          out.flush();
          return await(node, stop, out);
        } finally {
          server.ifPresent(MetricsServer::close);
        }
      } catch (UncheckedIOException e) {
        throw new CommandFailure(ExitCodes.IO, e.getMessage(), e);
      }
    }
  }

  /** Waits for the sync's end (with --until-synced) or a stop; a failure that ends the sync ends the command. */
  private int await(NodeRuntime node, CountDownLatch stop, PrintWriter out) throws InterruptedException {
    CompletableFuture<BlockRef> synced = node.synced();
    boolean reported = false;
    while (!stop.await(200, TimeUnit.MILLISECONDS)) {
      if (!synced.isDone()) {
        continue;
      }
      try {
        BlockRef head = synced.get();
        if (!reported) {
          out.printf("synced %s: head #%d %s%n", node.spec().name(), head.number(), head.hash().toHex());
          out.flush();
          reported = true;
        }
        if (untilSynced) {
          return ExitCodes.OK;
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof NodeRuntime.SyncFailure failure) {
          if (failure.kind() == NodeRuntime.SyncFailure.Kind.NO_PEERS) {
            if (untilSynced) {
              throw new CommandFailure(ExitCodes.IO, failure.getMessage(), failure);
            }
            continue; // keep dialing: peers may come later
          }
          throw new CommandFailure(ExitCodes.INVALID, failure.getMessage(), failure);
        }
        throw new CommandFailure(ExitCodes.IO, "sync failed: " + e.getCause(), e.getCause());
      }
    }
    out.println("stopped on request; the next sync resumes from the stored head");
    out.flush();
    return ExitCodes.OK;
  }

  /** {@code --target}: a hash or a block number. */
  static final class TargetConverter implements ITypeConverter<TrustedTarget> {
    @Override
    public TrustedTarget convert(String value) {
      try {
        return TrustedTarget.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
