package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.SyncProgress;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.node.rpc.jsonrpc.Params;
import io.headersync.store.HeaderStore;
import java.math.BigInteger;
import java.util.Optional;

/** The {@code eth_} methods a header node can answer: chain id, head, blocks, sync status. */
public final class EthMethods {

  private final RpcBackend backend;

  public EthMethods(RpcBackend backend) {
    this.backend = backend;
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    return registry
        .register("eth_chainId", (p, c) -> {
          p.atMost(0);
          return TextNode.valueOf(Hex.quantity(backend.chainId()));
        })
        .register("eth_blockNumber", (p, c) -> {
          p.atMost(0);
          return TextNode.valueOf(Hex.quantity(backend.store().head().map(h -> h.number()).orElse(0L)));
        })
        .register("eth_getBlockByNumber", (p, c) -> {
          p.atMost(2);
          p.bool(1, "fullTransactions", false);
          Optional<BlockHeader> header = BlockTags.resolve(backend, p.require(0, "block"), p.describe(0, "block"));
          return header.<JsonNode>map(this::block).orElse(NullNode.getInstance());
        })
        .register("eth_getBlockByHash", (p, c) -> {
          p.atMost(2);
          Hash hash = p.hash(0, "blockHash");
          p.bool(1, "fullTransactions", false);
          return backend.store().header(hash).<JsonNode>map(this::block).orElse(NullNode.getInstance());
        })
        .register("eth_syncing", (p, c) -> {
          p.atMost(0);
          return syncing(backend.sync().progress());
        });
  }

  /** The block object of a stored header. */
  ObjectNode block(BlockHeader header) {
    HeaderStore store = backend.store();
    BigInteger td = store.totalDifficulty(header.number(), header.hash()).orElse(null);
    Optional<BlockBody> body = store.body(header.hash()).map(BlockBody::decode);
    return BlockJson.of(header, td, body);
  }

  /** {@code false}, or the progress object of {@code eth_syncing}. */
  static JsonNode syncing(SyncProgress progress) {
    if (!progress.syncing()) {
      return BooleanNode.FALSE;
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("startingBlock", Hex.quantity(progress.startingBlock()));
    o.put("currentBlock", Hex.quantity(progress.currentBlock()));
    o.put("highestBlock", Hex.quantity(progress.highestBlock()));
    return o;
  }

  /** Reads a {@code DATA} parameter, for methods that hash input. */
  static byte[] data(Params p, int index, String name) {
    return Params.data(p.require(index, name), p.describe(index, name));
  }
}
