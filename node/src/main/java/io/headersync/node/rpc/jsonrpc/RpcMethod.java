package io.headersync.node.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method: reads its parameters, answers a result (JSON {@code null} is a valid result) or throws. */
@FunctionalInterface
public interface RpcMethod {

  JsonNode call(Params params, CallContext context);
}
