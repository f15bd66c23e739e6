package io.headersync.node.rpc;

import io.headersync.core.bytes.Hash;
import java.util.Optional;

/**
 * The safe and finalized blocks, as a consensus client last named them; what the block tags
 * {@code safe} and {@code finalized} resolve to. Empty when no consensus client told us.
 */
public interface ForkchoiceView {

  ForkchoiceView NONE = new ForkchoiceView() {
    @Override
    public Optional<Hash> safe() {
      return Optional.empty();
    }

    @Override
    public Optional<Hash> finalized() {
      return Optional.empty();
    }
  };

  Optional<Hash> safe();

  Optional<Hash> finalized();
}
