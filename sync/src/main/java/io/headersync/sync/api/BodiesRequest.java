package io.headersync.sync.api;

import io.headersync.core.bytes.Hash;
import java.util.List;

/**
 * One GetBlockBodies question: the bodies of these blocks, in this order. A peer may answer with
 * a prefix (the bodies it has, up to its serving limit); never with more or in another order.
 */
public record BodiesRequest(List<Hash> hashes) {

  public BodiesRequest {
    hashes = List.copyOf(hashes);
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("a bodies request needs at least one hash");
    }
  }

  public int count() {
    return hashes.size();
  }

  @Override
  public String toString() {
    return "bodies(" + hashes.size() + " from " + hashes.getFirst() + ")";
  }
}
