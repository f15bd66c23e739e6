package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.node.json.HeaderJson;
import io.headersync.node.rpc.HeadEvents;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.CallContext;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.node.rpc.jsonrpc.SubscriptionHost;

/**
 * {@code eth_subscribe} and {@code eth_unsubscribe}. The one kind offered is {@code newHeads}: a
 * notification per header that becomes canonical, in ascending order; after a reorg, every header
 * of the new branch from the common ancestor up, as geth sends them. Only where the transport can
 * push (WebSocket); over HTTP the methods fail with "notifications not supported".
 */
public final class SubscriptionMethods {

  private final HeadEvents heads;

  public SubscriptionMethods(RpcBackend backend) {
    this.heads = backend.heads();
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    return registry
        .register("eth_subscribe", (p, c) -> {
          SubscriptionHost host = host(c);
          String kind = p.string(0, "subscriptionName");
          if (!"newHeads".equals(kind)) {
            throw JsonRpcException.invalidParams("eth_subscribe: no \"" + kind + "\" subscription; this node offers newHeads");
          }
          p.atMost(1);
          String id = host.open(sink -> heads.subscribe(event -> {
            for (BlockHeader h : event.added()) {
              sink.accept(HeaderJson.of(h, null));
            }
          }));
          return TextNode.valueOf(id);
        })
        .register("eth_unsubscribe", (p, c) -> {
          SubscriptionHost host = host(c);
          p.atMost(1);
          return BooleanNode.valueOf(host.close(p.string(0, "subscriptionId")));
        });
  }

  private static SubscriptionHost host(CallContext context) {
    return context.subscriptions().orElseThrow(() ->
        new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "notifications not supported"));
  }
}
