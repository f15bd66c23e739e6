package io.headersync.node.cli;

import io.headersync.node.devnet.Devnet;
import io.headersync.node.devnet.DevnetResult;
import io.headersync.node.devnet.DevnetSettings;
import io.headersync.node.progress.ProgressConfig;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.node.rpc.server.RpcOptions;
import io.headersync.sync.controller.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code headersync devnet}: N serving nodes and one syncing node on loopback, over real RLPx,
 * with a generated chain that grows and reorganises; see {@link Devnet}.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts a local network on loopback with no internet: N serving nodes over a generated mainnet-shaped "
            + "post-merge chain, and one syncing node that dials them, header-syncs the chain, then follows the live "
            + "blocks and reorgs the servers produce.",
        "Exits 0 once the syncing node has followed --follow-blocks live blocks and --follow-reorgs reorgs (or "
            + "--duration passed) and its canonical chain equals the servers', hash by hash; 1 otherwise, with the "
            + "reason."})
public final class DevnetCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--peers", paramLabel = "N", defaultValue = "4",
      description = "Serving nodes, each with its own key and port (default: ${DEFAULT-VALUE}).")
  int peers;

  @Option(names = "--headers", paramLabel = "H", defaultValue = "200000",
      description = "Blocks above genesis the servers start with (default: ${DEFAULT-VALUE}).")
  long headers;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "auto", converter = SimCommand.StrategyConverter.class,
      description = "auto, reverse, skeleton or slices (default: ${DEFAULT-VALUE}: reverse from the servers' head, "
          + "the devnet ships no checkpoints).")
  Strategy strategy;

  @Option(names = "--block-time", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
      description = "Time between live blocks, e.g. 3s or 500ms (default: ${DEFAULT-VALUE}).")
  Duration blockTime;

  @Option(names = "--reorg-every", paramLabel = "K", defaultValue = "4",
      description = "A reorg instead of a block every K live blocks; 0: none (default: ${DEFAULT-VALUE}).")
  int reorgEvery;

  @Option(names = "--reorg-depth", paramLabel = "D", defaultValue = "2",
      description = "Blocks each reorg replaces, 1.." + DevnetSettings.MAX_REORG_DEPTH + "; the new branch is one block "
          + "longer (default: ${DEFAULT-VALUE}).")
  int reorgDepth;

  @Option(names = "--follow-blocks", paramLabel = "B", defaultValue = "5",
      description = "Live blocks to follow before exiting (default: ${DEFAULT-VALUE}).")
  int followBlocks;

  @Option(names = "--follow-reorgs", paramLabel = "R", defaultValue = "1",
      description = "Reorgs to follow before exiting (default: ${DEFAULT-VALUE}).")
  int followReorgs;

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Follow for this long instead (e.g. 10m), whatever was followed; default: until the blocks and "
          + "reorgs above were followed.")
  Duration duration;

  @Option(names = "--datadir", paramLabel = "DIR",
      description = "Keep the syncing node's store in DIR/node (a second run resumes from it) and the servers' in "
          + "DIR/servers; default: a temporary directory, deleted at the end.")
  Path datadir;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the chain and the node keys (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  RpcOptions rpc;

  @Override
  public Integer call() throws Exception {
    DevnetSettings settings;
    try {
      settings = new DevnetSettings(peers, headers, strategy, blockTime, reorgEvery, reorgDepth, followBlocks, followReorgs,
          Optional.ofNullable(duration), Optional.ofNullable(datadir), seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ProgressReporter progress = ProgressReporter.forConsole("sync", ProgressConfig.DEFAULT.withLogInterval(Duration.ofSeconds(5)));
    Devnet.Output out = new Devnet.Output() {
      private boolean finished;

      @Override
      public void line(String text) {
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
      }

      @Override
      public void syncProgress(long done, long total, long head) {
        if (finished) {
          return;
        }
        progress.total(total);
        progress.update(done, head);
        if (done >= total) {
          progress.finish();
          finished = true;
        }
      }
    };
    try (ShutdownGuard guard = ShutdownGuard.install("devnet");
        Devnet devnet = Devnet.start(settings, out, b -> b.rpc(rpc.options()))) {
      devnet.node().runtime().rpcServer().ifPresent(server -> {
        server.httpAddress().ifPresent(a -> out.line("devnet: JSON-RPC over HTTP at http://" + a.getHostString() + ":" + a.getPort()));
        server.wsAddress().ifPresent(a -> out.line("devnet: JSON-RPC over WebSocket at ws://" + a.getHostString() + ":" + a.getPort()));
      });
      guard.onStop(() -> {
        out.line("devnet: stopping");
        devnet.requestStop();
      });
      DevnetResult result = devnet.run();
      out.line(summary(result));
      return result.ok() ? ExitCodes.OK : ExitCodes.INVALID;
    }
  }

  private static String summary(DevnetResult r) {
    String verdict = r.ok() ? "devnet: done" : "devnet: FAILED (" + r.failure().orElse("the chains differ") + ")";
    return String.format(Locale.ROOT, "%s: synced %,d headers in %.1f s (%,.0f headers/s), followed %d blocks and %d reorgs "
        + "(largest lag %d ms, block time %d ms), head #%,d, chains %s", verdict, r.syncedHeaders(), r.syncSeconds(),
        r.headersPerSecond(), r.followedBlocks(), r.followedReorgs(), r.maxLagMillis(), r.blockTimeMillis(), r.head(),
        r.chainsEqual() ? "equal" : "DIFFERENT");
  }

  /** Reads 3s, 500ms, 10m, 1h (or a bare number of seconds). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("expected a duration such as 3s, 500ms, 10m or 1h, got '" + value + "'");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }
}
