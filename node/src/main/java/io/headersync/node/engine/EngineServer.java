package io.headersync.node.engine;

import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.node.rpc.methods.RpcMethods;
import io.headersync.node.rpc.server.EndpointConfig;
import io.headersync.node.rpc.server.JsonRpcEndpoint;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The authenticated Engine API port: the {@code engine_} methods plus the {@code eth_} subset the
 * spec asks for, over HTTP and WebSocket on one port, every HTTP request (and the WebSocket
 * upgrade) checked for a JWT.
 */
public final class EngineServer implements AutoCloseable {

  private final JsonRpcEndpoint endpoint;

  private EngineServer(JsonRpcEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public static EngineServer start(EngineConfig config, JwtSecret secret, Clock clock, EngineApi engine, RpcBackend backend) {
    MethodRegistry methods = engine.registerInto(new MethodRegistry()).registerAll(RpcMethods.engineSubset(backend));
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, config.limits().maxBatchItems(),
        config.limits().maxBatchResponseBytes());
    return new EngineServer(JsonRpcEndpoint.start(config.addr(), config.port(), new EndpointConfig("engine", dispatcher,
        config.limits(), true, true, new JwtAuthenticator(secret, clock, config.maxSkew()))));
  }

  public InetSocketAddress address() {
    return endpoint.address();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
