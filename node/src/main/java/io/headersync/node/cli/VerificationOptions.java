package io.headersync.node.cli;

import io.headersync.consensus.seal.SealMode;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.core.source.SourceFormatException;
import io.headersync.node.importer.ImportConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How thoroughly imports and verifications check: seals, the pre-merge accumulator, threads. */
public final class VerificationOptions {

  @Option(names = "--seal", paramLabel = "MODE", defaultValue = "full", converter = SealModeConverter.class,
      description = "Seal checks: full (every header), sampled:N (about one header in N at random per chunk, "
          + "and always the last), or off. Default: ${DEFAULT-VALUE}.")
  SealMode seal;

  @Option(names = "--accumulator", paramLabel = "FILE",
      description = "The pre-merge historical accumulator (historical_hashes_accumulator.ssz): each era1 file's "
          + "epoch root must match its entry. Without it, era1 files are checked against their own records only.")
  Path accumulator;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads for hashing, body roots and seals. Default: the processors available.")
  Integer threads;

  @Option(names = "--chunk", paramLabel = "N", defaultValue = "2048",
      description = "Blocks checked, and committed by an import, together. Default: ${DEFAULT-VALUE}.")
  int chunk;

  ImportConfig config() {
    return new ImportConfig(chunk, threads == null ? ImportConfig.DEFAULT.threads() : threads, Duration.ofSeconds(5));
  }

  /** The accumulator, or null when not asked for; a bad or unreadable file stops the command. */
  HistoricalAccumulator loadAccumulator() {
    if (accumulator == null) {
      return null;
    }
    try {
      return HistoricalAccumulator.load(accumulator);
    } catch (SourceFormatException e) {
      throw new CommandFailure(ExitCodes.INVALID, e.getMessage(), e);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.IO, "cannot read the accumulator " + accumulator + ": " + e.getMessage(), e);
    }
  }
}
