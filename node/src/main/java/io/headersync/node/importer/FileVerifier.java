package io.headersync.node.importer;

import io.headersync.core.bytes.Hash;
import io.headersync.core.era.Era1Source;
import io.headersync.core.era.EpochCheck;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.core.source.BlockSource;
import io.headersync.core.source.BlockSources;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.rlp.RlpException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies block files with no store: the files are one input, in order, so a file's first
 * block is checked against the last block of the file before it when it follows it; otherwise
 * (the first file, or after a gap or a failure) it starts a new run, checked alone by the rules
 * that need no parent (block 0 must be the chain's genesis).
 */
public final class FileVerifier {

  private final ChunkVerifier verifier;
  private final HistoricalAccumulator accumulator;
  private final ImportConfig config;

  public FileVerifier(ChunkVerifier verifier, HistoricalAccumulator accumulator, ImportConfig config) {
    this.verifier = verifier;
    this.accumulator = accumulator;
    this.config = config;
  }

  /** What one file held and what was wrong with it; {@code first}/{@code last} are -1 for no block. */
  public record FileReport(Path file, long first, long last, long count, Hash lastHash, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public List<FileReport> verify(List<Path> files) {
    List<FileReport> reports = new ArrayList<>(files.size());
    ChainTip tip = null;
    for (Path file : files) {
      Run run = new Run(file, tip);
      run.verify();
      reports.add(run.report());
      tip = run.errors.isEmpty() ? run.tip : null;
    }
    return reports;
  }

  private final class Run {
    final Path file;
    ChainTip tip;
    long first = -1;
    long last = -1;
    long count;
    Hash lastHash;
    final List<String> errors = new ArrayList<>();

    Run(Path file, ChainTip tip) {
      this.file = file;
      this.tip = tip;
    }

    void verify() {
      try (BlockSource source = BlockSources.open(file)) {
        checkEpochRoot(source);
        List<SourceBlock> chunk = new ArrayList<>(config.chunkSize());
        for (Optional<SourceBlock> next = source.next(); next.isPresent(); next = source.next()) {
          SourceBlock block = next.get();
          if (first < 0) {
            first = block.header().number();
            if (tip != null && first != tip.number() + 1) {
              tip = null; // not a continuation of the previous file: start a new run
            }
          }
          chunk.add(block);
          if (chunk.size() == config.chunkSize()) {
            flush(chunk);
          }
        }
        flush(chunk);
      } catch (SourceFormatException e) {
        errors.add(e.getMessage());
      } catch (RlpException e) {
        errors.add(file + ": malformed RLP: " + e.getMessage());
      } catch (IOException e) {
        errors.add(file + ": " + e.getMessage());
      } catch (ImportException e) {
        errors.add(e.getMessage());
      }
    }

    private void flush(List<SourceBlock> chunk) throws ImportException {
      if (chunk.isEmpty()) {
        return;
      }
      ChunkVerifier.Verified verified = verifier.verify(chunk, tip);
      tip = verified.tip();
      count += chunk.size();
      last = tip.number();
      lastHash = tip.header().hash();
      chunk.clear();
    }

    private void checkEpochRoot(BlockSource source) throws ImportException {
      if (accumulator != null && source instanceof Era1Source era) {
        EpochCheck check = accumulator.verifyEpoch((int) era.file().epoch(), era.file().accumulatorRoot());
        if (!check.verified()) {
          throw new ImportException(ImportException.Kind.INVALID, file + ": accumulator record: " + check.describe());
        }
      }
    }

    FileReport report() {
      return new FileReport(file, first, last, count, lastHash, List.copyOf(errors));
    }
  }
}
