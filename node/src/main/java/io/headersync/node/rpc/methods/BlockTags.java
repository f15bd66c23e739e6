package io.headersync.node.rpc.methods;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.Params;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.util.Optional;

/**
 * Resolves a block parameter ({@code latest}, {@code earliest}, {@code pending}, {@code safe},
 * {@code finalized} or a hex number) to a canonical header.
 *
 * <p>{@code pending} is the head: this node builds no blocks. {@code earliest} is the oldest
 * canonical block the store holds (the genesis, or the trusted header a store began at).
 * {@code safe} and {@code finalized} are what a consensus client last said; without one, or when
 * that block is not stored canonical here, the call fails as geth's does ({@code -32000}, "safe
 * block not found").
 */
final class BlockTags {

  private BlockTags() {}

  /** The canonical header the tag names, or empty (a number above the head or below the oldest block). */
  static Optional<BlockHeader> resolve(RpcBackend backend, com.fasterxml.jackson.databind.JsonNode tag, String what) {
    HeaderStore store = backend.store();
    if (tag == null || !tag.isTextual()) {
      throw JsonRpcException.invalidParams(what + ": expected a block number (0x…) or one of latest, earliest, pending, "
          + "safe, finalized; found " + (tag == null ? "nothing" : tag.toString()));
    }
    String text = tag.asText();
    switch (text) {
      case "latest", "pending" -> {
        return store.head().flatMap(h -> store.header(h.hash()));
      }
      case "earliest" -> {
        return store.oldestCanonical().map(BlockRef::number).flatMap(store::canonicalHeader);
      }
      case "safe" -> {
        return Optional.of(fromForkchoice(store, backend.forkchoice().safe(), "safe"));
      }
      case "finalized" -> {
        return Optional.of(fromForkchoice(store, backend.forkchoice().finalized(), "finalized"));
      }
      default -> {
        if (!text.startsWith("0x")) {
          throw JsonRpcException.invalidParams(what + ": expected a block number (0x…) or one of latest, earliest, "
              + "pending, safe, finalized; found \"" + text + "\"");
        }
        long number = Params.quantity(tag, what);
        return store.canonicalHeader(number);
      }
    }
  }

  private static BlockHeader fromForkchoice(HeaderStore store, Optional<Hash> hash, String which) {
    return hash.filter(store::isCanonical).flatMap(store::header)
        .orElseThrow(() -> new JsonRpcException(JsonRpcException.SERVER_ERROR, which + " block not found"));
  }
}
