package io.headersync.node.importer;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.source.SourceBlock;
import io.headersync.node.importer.ImportException.Kind;
import io.headersync.rlp.RlpException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks a chunk of consecutive blocks against the tip before them: every check of every
 * header, in three passes.
 *
 * <ol>
 *   <li>On the worker pool: each header's hash and, when the file carries bodies, the body's
 *       roots against its header. These need nothing but the block itself.
 *   <li>In order: numbers and parent links, every chain rule of the fork, total difficulty
 *       (against the file's own record when it has one).
 *   <li>Seals, as the seal mode selects them (the seal verifier has its own workers).
 * </ol>
 *
 * The first failure in block order is reported, as one line that names where the block was read.
 */
public final class ChunkVerifier implements AutoCloseable {

  private final ChainSpec spec;
  private final HeaderValidator validator;
  private final SealVerifier seals;
  private final ExecutorService workers;
  private final int threads;

  public ChunkVerifier(ChainSpec spec, SealVerifier seals, int threads) {
    this.spec = spec;
    this.validator = new HeaderValidator(spec);
    this.seals = seals;
    this.threads = threads;
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "import-hash");
      t.setDaemon(true);
      return t;
    });
  }

  /** The verified headers of a chunk, their total difficulties (entries may be null), and the new tip. */
  public record Verified(List<BlockHeader> headers, List<BigInteger> totalDifficulties, ChainTip tip) {}

  /**
   * Verifies {@code blocks}, which must follow {@code parent}; with a {@code null} parent the
   * first block starts the run (genesis, or a header checked alone by the rules that need no
   * parent).
   */
  public Verified verify(List<SourceBlock> blocks, ChainTip parent) throws ImportException {
    String[] bodyErrors = checkInParallel(blocks);
    List<BlockHeader> headers = new ArrayList<>(blocks.size());
    List<BigInteger> tds = new ArrayList<>(blocks.size());
    ChainTip tip = parent;
    for (int i = 0; i < blocks.size(); i++) {
      SourceBlock block = blocks.get(i);
      BlockHeader header = block.header();
      try {
        tip = tip == null ? start(block) : next(tip, block);
      } catch (InvalidHeaderException e) {
        throw invalid(block, e.getMessage(), e);
      }
      if (bodyErrors[i] != null) {
        throw invalid(block, bodyErrors[i], null);
      }
      headers.add(header);
      tds.add(tip.totalDifficulty());
    }
    try {
      seals.verifyBatch(headers);
    } catch (InvalidHeaderException e) {
      throw invalid(blockNumbered(blocks, e.number()), e.getMessage(), e);
    }
    return new Verified(headers, tds, tip);
  }

  private ChainTip start(SourceBlock block) throws InvalidHeaderException, ImportException {
    BlockHeader header = block.header();
    if (header.number() == 0) {
      if (!header.hash().equals(spec.genesisHash())) {
        throw invalid(block, "block 0 " + header.hash() + " is not the genesis of " + spec.name() + " (" + spec.genesisHash()
            + "): the file belongs to another chain", null);
      }
      return new ChainTip(header, header.difficulty());
    }
    validator.validateStandalone(header);
    return new ChainTip(header, block.totalDifficulty());
  }

  private ChainTip next(ChainTip tip, SourceBlock block) throws InvalidHeaderException, ImportException {
    BlockHeader header = block.header();
    if (header.number() != tip.number() + 1) {
      throw invalid(block, "gap: expected block " + (tip.number() + 1) + ", found block " + header.number(), null);
    }
    validator.validate(header, tip.header(), tip.totalDifficulty());
    ChainTip next = tip.extendWith(header);
    BigInteger recorded = block.totalDifficulty();
    if (recorded != null) {
      if (next.totalDifficulty() == null) {
        next = new ChainTip(header, recorded);
      } else if (!recorded.equals(next.totalDifficulty())) {
        throw invalid(block, "block " + header.number() + " " + header.hash() + ": totalDifficulty record expected "
            + next.totalDifficulty() + ", found " + recorded, null);
      }
    }
    return next;
  }

  /** Hashes every header and checks every body, spread over the workers; returns body errors by index. */
  private String[] checkInParallel(List<SourceBlock> blocks) throws ImportException {
    String[] errors = new String[blocks.size()];
    int n = blocks.size();
    int slices = Math.min(threads, Math.max(1, n / 64));
    List<Future<?>> pending = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      int from = s * n / slices;
      int to = (s + 1) * n / slices;
      Callable<Void> work = () -> {
        for (int i = from; i < to; i++) {
          SourceBlock block = blocks.get(i);
          block.header().hash();
          if (block.bodyRlp() != null) {
            try {
              BodyValidator.validate(block.header(), block.bodyRlp());
            } catch (InvalidHeaderException e) {
              errors[i] = e.getMessage();
            } catch (RlpException e) {
              errors[i] = "block " + block.header().number() + ": malformed body: " + e.getMessage();
            }
          }
        }
        return null;
      };
      pending.add(workers.submit(work));
    }
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImportException(Kind.IO, "interrupted while checking blocks", e);
      } catch (ExecutionException e) {
        throw new ImportException(Kind.IO, "a worker failed: " + e.getCause(), e.getCause());
      }
    }
    return errors;
  }

  private static SourceBlock blockNumbered(List<SourceBlock> blocks, long number) {
    for (SourceBlock b : blocks) {
      if (b.header().number() == number) {
        return b;
      }
    }
    return blocks.get(blocks.size() - 1);
  }

  private static ImportException invalid(SourceBlock block, String reason, Throwable cause) {
    return new ImportException(Kind.INVALID, block.location() + ": " + reason, cause);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
