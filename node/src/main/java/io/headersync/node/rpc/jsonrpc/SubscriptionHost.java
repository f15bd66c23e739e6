package io.headersync.node.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * A connection that can push {@code eth_subscription} notifications: a method registers a source of
 * results and gets the subscription id the caller will see.
 */
public interface SubscriptionHost {

  /**
   * Opens a subscription; {@code start} is given a sink to push results into and returns what to
   * close when the subscription ends.
   *
   * @return the subscription id ({@code 0x} and 32 hex digits)
   * @throws JsonRpcException {@link JsonRpcException#LIMIT_EXCEEDED} when the connection holds too many
   */
  String open(java.util.function.Function<Consumer<JsonNode>, AutoCloseable> start);

  /** Closes the subscription {@code id}; false when this connection has no such subscription. */
  boolean close(String id);
}
