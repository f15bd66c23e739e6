package io.headersync.node.rpc.server;

import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import java.util.Objects;

/**
 * What one listener serves.
 *
 * @param name a short name for logs and thread names ({@code "http"}, {@code "ws"}, {@code "engine"})
 * @param dispatcher the methods
 * @param limits sizes, rates, threads
 * @param http whether {@code POST} requests are served
 * @param webSocket whether WebSocket upgrades are accepted
 * @param authenticator checked on every HTTP request and on the WebSocket upgrade
 */
public record EndpointConfig(String name, JsonRpcDispatcher dispatcher, RpcLimits limits, boolean http, boolean webSocket,
    HttpAuthenticator authenticator) {

  public EndpointConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dispatcher, "dispatcher");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(authenticator, "authenticator");
    if (!http && !webSocket) {
      throw new IllegalArgumentException("endpoint " + name + " serves neither HTTP nor WebSocket");
    }
  }
}
