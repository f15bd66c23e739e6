package io.headersync.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.node.importer.ChainImporter;
import io.headersync.node.importer.ImportConfig;
import io.headersync.node.importer.ImportException;
import io.headersync.node.metrics.MetricsOptions;
import io.headersync.node.metrics.MetricsServer;
import io.headersync.node.metrics.NodeMetrics;
import io.headersync.node.progress.LogOptions;
import io.headersync.node.progress.ProgressConfig;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.HeaderStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headersync import}: verify block files and add them to a data directory. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Imports era1 files, RLP chain files (concatenated blocks, as chain.rlp) and text files of header RLP hex "
            + "(one a line), in the order given, verifying every header against the store's head.",
        "Blocks already stored are skipped after checking they match. A failed import leaves the store as it was."})
final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory (created if absent).")
  Path datadir;

  @Mixin
  ChainOptions chain;

  @Mixin
  StoreOptions storeOptions;

  @Mixin
  VerificationOptions verification;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Mixin
  LogOptions logging;

  @Mixin
  MetricsOptions metricsOptions;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to import, in order.")
  List<Path> files;

  @Override
  public Integer call() {
    ChainSpec chainSpec = chain.resolve(spec);
    Files.requireReadable(spec, files);
    ImportConfig config = verification.config();
    HistoricalAccumulator accumulator = verification.loadAccumulator();
    try (ShutdownGuard guard = ShutdownGuard.install("import");
        HeaderStore store = guard.closeOnStop(Stores.open(datadir, chainSpec, storeOptions));
        NodeMetrics metrics = new NodeMetrics(metricsOptions.config());
        Components.Verification v = Components.verification(chainSpec, verification.seal, config)) {
      metrics.bindStore(store);
      Optional<MetricsServer> server = startMetrics(metrics);
      try {
        ChainImporter importer = new ChainImporter(chainSpec, store, v.chunks(), accumulator, config,
            ProgressReporter.forConsole("import", ProgressConfig.DEFAULT.withLogInterval(config.progressInterval())));
        ChainImporter.Result r = importer.importFiles(files, guard::stopRequested);
        print(r);
        return ExitCodes.OK;
      } finally {
        server.ifPresent(MetricsServer::close);
      }
    } catch (ImportException e) {
      throw new CommandFailure(e.kind() == ImportException.Kind.INVALID ? ExitCodes.INVALID : ExitCodes.IO, e.getMessage(), e);
    }
  }

  private Optional<MetricsServer> startMetrics(NodeMetrics metrics) {
    try {
      return metricsOptions.start(metrics);
    } catch (java.io.UncheckedIOException e) {
      throw new CommandFailure(ExitCodes.IO, e.getMessage(), e);
    }
  }

  private void print(ChainImporter.Result r) {
    if (json) {
      ObjectNode o = new ObjectMapper().createObjectNode();
      o.put("imported", r.imported());
      o.put("skipped", r.skipped());
      ObjectNode head = o.putObject("head");
      head.put("number", r.head().number());
      head.put("hash", r.head().hash().toHex());
      o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      o.put("stopped", r.stopped());
      spec.commandLine().getOut().println(o);
    } else {
      spec.commandLine().getOut().printf(Locale.ROOT, "imported %,d headers (%,d already stored) in %.1f s; head %d %s%s%n",
          r.imported(), r.skipped(), r.seconds(), r.head().number(), r.head().hash().toHex(),
          r.stopped() ? " (stopped on request; run it again to resume)" : "");
    }
    spec.commandLine().getOut().flush();
  }
}
