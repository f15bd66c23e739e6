package io.headersync.node.engine;

import io.headersync.core.bytes.Hash;
import io.headersync.node.rpc.ForkchoiceView;
import java.util.Optional;

/** The safe and finalized blocks of the last accepted forkchoice update, for the RPC's block tags. */
public final class ForkchoiceTracker implements ForkchoiceView {

  private volatile Hash safe;
  private volatile Hash finalized;

  /** Records a forkchoice; a zero hash (the consensus client does not know one yet) clears it. */
  void update(Hash newSafe, Hash newFinalized) {
    safe = newSafe.isZero() ? null : newSafe;
    finalized = newFinalized.isZero() ? null : newFinalized;
  }

  @Override
  public Optional<Hash> safe() {
    return Optional.ofNullable(safe);
  }

  @Override
  public Optional<Hash> finalized() {
    return Optional.ofNullable(finalized);
  }
}
