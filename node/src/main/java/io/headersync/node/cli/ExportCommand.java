package io.headersync.node.cli;

import io.headersync.node.export.ExportException;
import io.headersync.node.export.ExportField;
import io.headersync.node.export.ExportFormat;
import io.headersync.node.export.HeaderExporter;
import io.headersync.node.progress.LogOptions;
import io.headersync.node.progress.ProgressConfig;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code headersync export}: canonical headers of a range as CSV or JSON lines. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Streams the canonical headers of a block range as CSV or JSON lines, one row per block, with the field names "
            + "and hex quantities of 'headersync header' (or decimal numbers with --numbers decimal).",
        "Rows are checked to link (number and parent hash) as they are written. Memory stays constant for any range."})
final class ExportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory.")
  Path datadir;

  @Option(names = "--from", paramLabel = "N",
      description = "First block of the range. Default: the oldest canonical block (usually 0).")
  Long from;

  @Option(names = "--to", paramLabel = "N", description = "Last block of the range (inclusive). Default: the head.")
  Long to;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = FormatConverter.class,
      description = "csv (a header row, then one row per block) or jsonl (one JSON object per line). "
          + "Default: ${DEFAULT-VALUE}.")
  ExportFormat format;

  @Option(names = "--fields", paramLabel = "LIST", defaultValue = ExportField.DEFAULT_FIELDS,
      description = "Comma-separated fields, in the order wanted, or 'all'. Known: number, hash, parentHash, nonce, "
          + "sha3Uncles, logsBloom, transactionsRoot, stateRoot, receiptsRoot, miner, difficulty, totalDifficulty, "
          + "extraData, gasLimit, gasUsed, timestamp, mixHash, baseFeePerGas, withdrawalsRoot, blobGasUsed, "
          + "excessBlobGas, parentBeaconBlockRoot, requestsHash. Default: ${DEFAULT-VALUE}.")
  String fields;

  @Option(names = "--numbers", paramLabel = "BASE", defaultValue = "hex",
      description = "How quantities are written: hex (0x-prefixed, as the JSON-RPC API and 'headersync header') or "
          + "decimal. Default: ${DEFAULT-VALUE}.")
  String numbers;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write to FILE (complete or not at all: written aside, then renamed). Default: standard output.")
  Path output;

  @Mixin
  LogOptions logging;

  @Override
  public Integer call() {
    List<ExportField> chosen = parseFields();
    boolean decimal = switch (numbers.toLowerCase(Locale.ROOT)) {
      case "hex" -> false;
      case "decimal" -> true;
      default -> throw usage("--numbers: expected hex or decimal, got '" + numbers + "'");
    };
    try (ShutdownGuard guard = ShutdownGuard.install("export");
        HeaderStore store = guard.closeOnStop(Stores.openExisting(spec, datadir))) {
      BlockRef head = store.head().orElseThrow(() -> usage("the data directory " + datadir + " holds no blocks yet"));
      long oldest = store.oldestCanonical().map(BlockRef::number).orElse(0L);
      long first = from == null ? oldest : from;
      long last = to == null ? head.number() : to;
      checkRange(first, last, oldest, head.number());
      HeaderExporter exporter = new HeaderExporter(store, chosen, format, decimal);
      ProgressReporter progress = ProgressReporter.forConsole("export", ProgressConfig.DEFAULT);
      HeaderExporter.Result r = output == null
          ? toStandardOutput(exporter, first, last, progress, guard::stopRequested)
          : toFile(exporter, first, last, progress, guard::stopRequested);
      if (r.stopped()) {
        spec.commandLine().getErr().println("export: stopped on request after block " + r.last()
            + (output == null ? "" : "; " + output + " was not written"));
        return ExitCodes.IO;
      }
      return ExitCodes.OK;
    } catch (ExportException e) {
      throw new CommandFailure(ExitCodes.IO, e.getMessage(), e);
    }
  }

  private HeaderExporter.Result toStandardOutput(HeaderExporter exporter, long first, long last, ProgressReporter progress,
      BooleanSupplier stop) throws ExportException {
    PrintWriter out = spec.commandLine().getOut();
    // A PrintWriter hides write errors (a closed pipe, as with '| head'); ask it between rows and stop.
    BooleanSupplier stopOrBrokenPipe = () -> stop.getAsBoolean() || out.checkError();
    HeaderExporter.Result r = exporter.export(first, last, out, progress, stopOrBrokenPipe);
    if (out.checkError()) {
      throw new ExportException("cannot write to standard output (closed?) after block " + r.last());
    }
    return r;
  }

  private HeaderExporter.Result toFile(HeaderExporter exporter, long first, long last, ProgressReporter progress,
      BooleanSupplier stop) throws ExportException {
    Path target = output.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      HeaderExporter.Result r;
      try (Writer w = java.nio.file.Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        r = exporter.export(first, last, w, progress, stop);
      }
      if (r.stopped()) {
        java.nio.file.Files.deleteIfExists(partial);
      } else {
        java.nio.file.Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return r;
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new ExportException("cannot write " + output + ": " + e.getMessage(), e);
    } catch (ExportException | RuntimeException e) {
      deleteQuietly(partial);
      throw e;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      java.nio.file.Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // The export's own error is the one to report.
    }
  }

  private void checkRange(long first, long last, long oldest, long head) {
    if (first < 0 || last < 0) {
      throw usage("--from and --to: expected block numbers >= 0, got " + first + " and " + last);
    }
    if (first > last) {
      throw usage("--from " + first + " is above --to " + last);
    }
    if (last > head) {
      throw usage("--to " + last + " is beyond the head of " + datadir + " (block " + head + ")");
    }
    if (first < oldest) {
      throw usage("--from " + first + " is below the oldest canonical block of " + datadir + " (block " + oldest + ")");
    }
  }

  private List<ExportField> parseFields() {
    if (fields.trim().equalsIgnoreCase("all")) {
      return Arrays.asList(ExportField.values());
    }
    List<ExportField> chosen = new ArrayList<>();
    Set<ExportField> seen = new LinkedHashSet<>();
    for (String name : fields.split(",", -1)) {
      String n = name.trim();
      if (n.isEmpty()) {
        throw usage("--fields: empty field name in '" + fields + "'");
      }
      ExportField f;
      try {
        f = ExportField.byName(n);
      } catch (IllegalArgumentException e) {
        throw usage("--fields: " + e.getMessage());
      }
      if (!seen.add(f)) {
        throw usage("--fields: '" + n + "' is named twice");
      }
      chosen.add(f);
    }
    return chosen;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** {@code csv} or {@code jsonl}, in any case. */
  static final class FormatConverter implements ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      return EnumNames.find(ExportFormat.class, value.trim()).orElseThrow(() -> new TypeConversionException(
          "expected one of " + EnumNames.list(ExportFormat.class) + ", got '" + value + "'"));
    }
  }
}
