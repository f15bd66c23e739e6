package io.headersync.node.rpc.methods;

import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;

/** Every method the public JSON-RPC endpoints serve, over one backend. */
public final class RpcMethods {

  private RpcMethods() {}

  public static MethodRegistry all(RpcBackend backend) {
    MethodRegistry registry = new MethodRegistry();
    new EthMethods(backend).registerInto(registry);
    new NetMethods(backend).registerInto(registry);
    new AdminMethods(backend).registerInto(registry);
    new HeadersyncMethods(backend).registerInto(registry);
    new SubscriptionMethods(backend).registerInto(registry);
    return registry;
  }

  /**
   * The {@code eth_} and {@code web3_} subset the Engine API port must also serve (execution-apis
   * "common": block number, chain id, blocks, syncing, client version).
   */
  public static MethodRegistry engineSubset(RpcBackend backend) {
    MethodRegistry registry = new MethodRegistry();
    new EthMethods(backend).registerInto(registry);
    MethodRegistry net = new NetMethods(backend).registerInto(new MethodRegistry());
    net.find("web3_clientVersion").ifPresent(m -> registry.register("web3_clientVersion", m));
    return registry;
  }
}
