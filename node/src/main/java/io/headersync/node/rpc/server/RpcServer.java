package io.headersync.node.rpc.server;

import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.node.rpc.methods.RpcMethods;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public JSON-RPC endpoints: HTTP and WebSocket as {@link RpcServerOptions} asks, serving
 * {@link RpcMethods#all} over a backend. Closing stops both.
 */
public final class RpcServer implements AutoCloseable {

  private final JsonRpcEndpoint http;
  private final JsonRpcEndpoint ws;

  private RpcServer(JsonRpcEndpoint http, JsonRpcEndpoint ws) {
    this.http = http;
    this.ws = ws;
  }

  /** Starts the endpoints {@code options} enables, serving every method over {@code backend}. */
  public static RpcServer start(RpcServerOptions options, RpcBackend backend) {
    return start(options, RpcMethods.all(backend));
  }

  /** Starts the endpoints {@code options} enables, serving {@code methods}. */
  public static RpcServer start(RpcServerOptions options, MethodRegistry methods) {
    Objects.requireNonNull(options, "options");
    RpcLimits limits = options.limits();
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, limits.maxBatchItems(), limits.maxBatchResponseBytes());
    boolean shared = options.http() && options.ws() && options.httpAddr().equals(options.wsAddr())
        && options.httpPort() == options.wsPort() && options.httpPort() != 0;
    List<JsonRpcEndpoint> started = new ArrayList<>(2);
    try {
      JsonRpcEndpoint http = null;
      JsonRpcEndpoint ws = null;
      if (options.http()) {
        http = JsonRpcEndpoint.start(options.httpAddr(), options.httpPort(),
            new EndpointConfig("http", dispatcher, limits, true, shared, HttpAuthenticator.NONE));
        started.add(http);
      }
      if (options.ws()) {
        ws = shared ? http : JsonRpcEndpoint.start(options.wsAddr(), options.wsPort(),
            new EndpointConfig("ws", dispatcher, limits, false, true, HttpAuthenticator.NONE));
        if (!shared) {
          started.add(ws);
        }
      }
      return new RpcServer(http, ws);
    } catch (RuntimeException e) {
      started.forEach(JsonRpcEndpoint::close);
      throw e;
    }
  }

  /** Where HTTP is served, when enabled. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(http).map(JsonRpcEndpoint::address);
  }

  /** Where WebSocket is served, when enabled. */
  public Optional<InetSocketAddress> wsAddress() {
    return Optional.ofNullable(ws).map(JsonRpcEndpoint::address);
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    if (ws != null && ws != http) {
      ws.close();
    }
  }
}
