package io.headersync.node.rpc.jsonrpc;

import java.util.Optional;

/**
 * What a method may know of the connection a call came on.
 *
 * @param remoteAddress the caller's address ({@code ip:port}), for logs
 * @param subscriptions the connection's subscriptions, when the transport can push notifications
 *     (WebSocket); empty over HTTP
 */
public record CallContext(String remoteAddress, Optional<SubscriptionHost> subscriptions) {

  public static CallContext http(String remoteAddress) {
    return new CallContext(remoteAddress, Optional.empty());
  }
}
