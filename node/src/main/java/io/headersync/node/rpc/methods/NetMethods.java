package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;

/** {@code net_} and {@code web3_}: network id, peer count, client version. */
public final class NetMethods {

  private final RpcBackend backend;

  public NetMethods(RpcBackend backend) {
    this.backend = backend;
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    return registry
        .register("net_version", (p, c) -> {
          p.atMost(0);
          return TextNode.valueOf(Long.toUnsignedString(backend.networkId()));
        })
        .register("net_peerCount", (p, c) -> {
          p.atMost(0);
          return TextNode.valueOf(Hex.quantity(backend.peers().peerCount()));
        })
        .register("net_listening", (p, c) -> {
          p.atMost(0);
          return BooleanNode.valueOf(backend.peers().nodeInfo().isPresent());
        })
        .register("web3_clientVersion", (p, c) -> {
          p.atMost(0);
          return TextNode.valueOf(backend.clientVersion());
        })
        .register("web3_sha3", (p, c) -> {
          p.atMost(1);
          return TextNode.valueOf(Keccak.keccak256(EthMethods.data(p, 0, "data")).toHex());
        });
  }
}
