package io.headersync.consensus.seal;

import io.headersync.core.block.BlockHeader;
import java.util.List;

/** Checks nothing: for mode {@code off}, and for chains whose blocks carry no seal of their own. */
final class NoSealVerifier implements SealVerifier {

  private final SealMode mode;

  NoSealVerifier(SealMode mode) {
    this.mode = mode;
  }

  @Override
  public void verify(BlockHeader header) {}

  @Override
  public void verifyBatch(List<BlockHeader> ascending) {}

  @Override
  public SealMode mode() {
    return mode;
  }
}
