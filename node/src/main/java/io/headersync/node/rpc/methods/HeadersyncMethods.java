package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.bytes.Hex;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;

/**
 * {@code headersync_status}: the node's own summary, what an operator's dashboard polls: head
 * (number, hash, total difficulty), oldest canonical block, sync progress, peer count, stage
 * checkpoints, and the safe and finalized blocks when a consensus client gave them.
 */
public final class HeadersyncMethods {

  private final RpcBackend backend;

  public HeadersyncMethods(RpcBackend backend) {
    this.backend = backend;
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    return registry.register("headersync_status", (p, c) -> {
      p.atMost(0);
      return status();
    });
  }

  ObjectNode status() {
    HeaderStore store = backend.store();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("chainId", Hex.quantity(backend.chainId()));
    o.put("genesis", store.genesisHash().toHex());
    store.head().ifPresentOrElse(head -> {
      ObjectNode h = ref(o.putObject("head"), head);
      store.totalDifficulty(head.number(), head.hash()).ifPresent(td -> h.put("totalDifficulty", Hex.quantity(td)));
    }, () -> o.putNull("head"));
    store.oldestCanonical().ifPresentOrElse(oldest -> ref(o.putObject("oldest"), oldest), () -> o.putNull("oldest"));
    o.set("syncing", EthMethods.syncing(backend.sync().progress()));
    o.put("peers", backend.peers().peerCount());
    ObjectNode checkpoints = o.putObject("checkpoints");
    store.checkpoints().forEach((stage, cp) -> checkpoints.put(stage, Hex.quantity(cp.number())));
    backend.forkchoice().safe().ifPresent(h -> o.put("safe", h.toHex()));
    backend.forkchoice().finalized().ifPresent(h -> o.put("finalized", h.toHex()));
    return o;
  }

  private static ObjectNode ref(ObjectNode o, BlockRef ref) {
    o.put("number", Hex.quantity(ref.number()));
    o.put("hash", ref.hash().toHex());
    return o;
  }
}
