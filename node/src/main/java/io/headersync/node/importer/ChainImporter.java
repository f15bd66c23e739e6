package io.headersync.node.importer;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.era.Era1Source;
import io.headersync.core.era.EpochCheck;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.core.source.BlockSource;
import io.headersync.core.source.BlockSources;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.node.importer.ImportException.Kind;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.rlp.RlpException;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Imports block files into a store, extending its canonical chain.
 *
 * <p>Blocks at or below the store's head must be the ones already stored (so a file can be
 * imported again, or an interrupted import resumed, without harm); the first block above the
 * head must be its child. Every chunk is verified in full, then written in one atomic batch
 * with the {@value #STAGE} checkpoint set to its last block.
 *
 * <p>An import that fails — a malformed file, a broken rule, a gap, a file of another chain —
 * unwinds what it committed itself, so the store is left as it was before the command; what a
 * killed process had committed stays, consistent, and the next run resumes after it.
 */
public final class ChainImporter {

  /** The checkpoint of the headers stage; it always equals the head of a committed import. */
  public static final String STAGE = "headers";

  private final ChainSpec spec;
  private final HeaderStore store;
  private final ChunkVerifier verifier;
  private final HistoricalAccumulator accumulator;
  private final ImportConfig config;
  private final ProgressReporter progress;

  /**
   * @param accumulator the pre-merge historical accumulator that era1 files' epoch roots must
   *     match, or {@code null} to check each file only against its own records
   */
  public ChainImporter(ChainSpec spec, HeaderStore store, ChunkVerifier verifier, HistoricalAccumulator accumulator,
      ImportConfig config, ProgressReporter progress) {
    this.spec = spec;
    this.store = store;
    this.verifier = verifier;
    this.accumulator = accumulator;
    this.config = config;
    this.progress = progress;
  }

  /**
   * What an import did.
   *
   * @param stopped whether it stopped early because a stop was requested (what it committed stays)
   */
  public record Result(long imported, long skipped, BlockRef head, double seconds, boolean stopped) {}

  /** Imports {@code files} in order; on failure the store is as it was before the call. */
  public Result importFiles(List<Path> files) throws ImportException {
    return importFiles(files, () -> false);
  }

  /**
   * Imports {@code files} in order, checking {@code stopRequested} after every committed chunk: when
   * it turns true the import ends there, keeping what it committed, so a later import resumes after
   * it (a process asked to stop by SIGTERM or Ctrl-C). On failure the store is as it was before the call.
   */
  public Result importFiles(List<Path> files, BooleanSupplier stopRequested) throws ImportException {
    ChainTip tip = openTip();
    long startHead = tip.number();
    long imported = 0;
    long skipped = 0;
    try {
      for (Path file : files) {
        try (BlockSource opened = BlockSources.open(file); BlockSource source = readAhead(opened, file)) {
          List<SourceBlock> chunk = new ArrayList<>(config.chunkSize());
          for (Optional<SourceBlock> next = source.next(); next.isPresent(); next = source.next()) {
            SourceBlock block = next.get();
            if (block.header().number() <= tip.number()) {
              requireStored(block);
              skipped++;
              continue;
            }
            chunk.add(block);
            if (chunk.size() == config.chunkSize()) {
              tip = commit(chunk, tip);
              imported += chunk.size();
              chunk.clear();
              progress.update(imported, tip.number());
              if (stopRequested.getAsBoolean()) {
                return stopped(imported, skipped, tip);
              }
            }
          }
          if (!chunk.isEmpty()) {
            tip = commit(chunk, tip);
            imported += chunk.size();
            progress.update(imported, tip.number());
          }
          if (stopRequested.getAsBoolean()) {
            return stopped(imported, skipped, tip);
          }
        } catch (SourceFormatException e) {
          throw new ImportException(Kind.INVALID, e.getMessage(), e);
        } catch (RlpException e) {
          throw new ImportException(Kind.INVALID, file + ": malformed RLP: " + e.getMessage(), e);
        } catch (IOException e) {
          throw new ImportException(Kind.IO, file + ": " + e.getMessage(), e);
        }
      }
    } catch (ImportException | StoreException e) {
      undo(startHead);
      if (e instanceof StoreException se) {
        throw new ImportException(Kind.IO, "database: " + se.getMessage(), se);
      }
      throw (ImportException) e;
    }
    progress.finish();
    return new Result(imported, skipped, new BlockRef(tip.number(), tip.header().hash()), progress.elapsedSeconds(), false);
  }

  private Result stopped(long imported, long skipped, ChainTip tip) {
    progress.finish();
    progress.note("stopped on request at block " + tip.number() + "; the next import resumes after it");
    return new Result(imported, skipped, new BlockRef(tip.number(), tip.header().hash()), progress.elapsedSeconds(), true);
  }

  /** The store's head, after writing genesis into an empty store. */
  private ChainTip openTip() throws ImportException {
    try {
      Optional<BlockRef> head = store.head();
      if (head.isEmpty()) {
        BlockHeader genesis = spec.genesis();
        store.commit(new WriteBatch(2).putCanonicalHeader(genesis, genesis.difficulty()).setCheckpoint(STAGE, 0));
        return new ChainTip(genesis, genesis.difficulty());
      }
      BlockRef ref = head.get();
      BlockHeader header = store.header(ref.hash())
          .orElseThrow(() -> new ImportException(Kind.IO, "database: head " + ref + " has no stored header"));
      BigInteger td = store.totalDifficulty(ref.number(), ref.hash())
          .orElseThrow(() -> new ImportException(Kind.IO, "database: head " + ref + " has no stored total difficulty"));
      return new ChainTip(header.withKnownHash(ref.hash()), td);
    } catch (StoreException e) {
      throw new ImportException(Kind.IO, "database: " + e.getMessage(), e);
    }
  }

  private ChainTip commit(List<SourceBlock> chunk, ChainTip tip) throws ImportException {
    ChunkVerifier.Verified verified = verifier.verify(chunk, tip);
    List<BlockHeader> headers = verified.headers();
    WriteBatch batch = new WriteBatch(headers.size() * 2 + 1);
    for (int i = 0; i < headers.size(); i++) {
      batch.putCanonicalHeader(headers.get(i), verified.totalDifficulties().get(i));
    }
    batch.setCheckpoint(STAGE, verified.tip().number());
    store.commit(batch);
    return verified.tip();
  }

  private void requireStored(SourceBlock block) throws ImportException {
    BlockHeader header = block.header();
    Optional<Hash> stored = store.canonicalHash(header.number());
    if (stored.isEmpty()) {
      throw new ImportException(Kind.INVALID, block.location() + ": block " + header.number()
          + " is below the oldest block the store holds");
    }
    if (!stored.get().equals(header.hash())) {
      throw new ImportException(Kind.INVALID, block.location() + ": block " + header.number() + " " + header.hash()
          + " conflicts with the stored chain, which has " + stored.get() + " there");
    }
  }

  /**
   * Checks the file's epoch root, then reads it one chunk ahead on a thread of its own, so that
   * reading (decompressing, decoding, hashing) overlaps with verifying and committing.
   */
  private BlockSource readAhead(BlockSource opened, Path file) throws ImportException {
    checkEpochRoot(opened, file);
    return new ReadAheadSource(opened, config.chunkSize(), "import-read");
  }

  private void checkEpochRoot(BlockSource source, Path file) throws ImportException {
    if (accumulator == null || !(source instanceof Era1Source era)) {
      return;
    }
    EpochCheck check = accumulator.verifyEpoch((int) era.file().epoch(), era.file().accumulatorRoot());
    if (!check.verified()) {
      throw new ImportException(Kind.INVALID, file + ": accumulator record: " + check.describe());
    }
  }

  private void undo(long startHead) {
    try {
      store.unwindTo(startHead);
    } catch (StoreException e) {
      // The store stays consistent either way (unwinding is atomic); the original error matters more.
      progress.note("could not undo the failed import above block " + startHead + ": " + e.getMessage());
    }
  }
}
