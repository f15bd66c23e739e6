package io.headersync.consensus.seal;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import java.util.List;

/**
 * Checks the seals of headers: an ethash proof of work, a clique signature, or nothing.
 *
 * <p>Implementations are thread-safe. They check only the seal; the other header rules and
 * the links between headers are checked elsewhere, before or after.
 */
public interface SealVerifier extends AutoCloseable {

  /**
   * Checks this header's seal. A stateful engine (clique) needs the header's parent to have
   * gone through this verifier first.
   */
  void verify(BlockHeader header) throws InvalidHeaderException;

  /**
   * Checks the seals the {@link #mode()} selects of a batch of contiguous headers in ascending
   * order, possibly on several threads. When several fail, the lowest one is reported.
   */
  void verifyBatch(List<BlockHeader> ascending) throws InvalidHeaderException;

  SealMode mode();

  /** Stops the worker threads, if any; the verifier must not be used afterwards. */
  @Override
  default void close() {}
}
