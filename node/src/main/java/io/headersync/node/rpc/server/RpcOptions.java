package io.headersync.node.rpc.server;

import io.headersync.node.rpc.RpcBackend;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --http}, {@code --http.addr}, {@code --http.port}, {@code --ws}, {@code --ws.addr} and
 * {@code --ws.port}, as geth names them: a picocli mixin every long-running command adds with
 * {@code @Mixin RpcOptions rpc;}. Defaults are {@link RpcServerOptions}'s.
 */
public final class RpcOptions {

  @Option(names = "--http", defaultValue = "false",
      description = "Serve JSON-RPC over HTTP (eth_, net_, web3_, admin_, headersync_ methods). Default: ${DEFAULT-VALUE}.")
  boolean http;

  @Option(names = "--http.addr", paramLabel = "ADDR", defaultValue = RpcServerOptions.DEFAULT_ADDR,
      description = "Address the HTTP endpoint listens on (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
  String httpAddr;

  @Option(names = "--http.port", paramLabel = "PORT", defaultValue = "" + RpcServerOptions.DEFAULT_HTTP_PORT,
      description = "TCP port of the HTTP endpoint (0: any free port). Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(names = "--ws", defaultValue = "false",
      description = "Serve JSON-RPC over WebSocket, with eth_subscribe(\"newHeads\"). Default: ${DEFAULT-VALUE}.")
  boolean ws;

  @Option(names = "--ws.addr", paramLabel = "ADDR", defaultValue = RpcServerOptions.DEFAULT_ADDR,
      description = "Address the WebSocket endpoint listens on. Default: ${DEFAULT-VALUE}.")
  String wsAddr;

  @Option(names = "--ws.port", paramLabel = "PORT", defaultValue = "" + RpcServerOptions.DEFAULT_WS_PORT,
      description = "TCP port of the WebSocket endpoint (0: any free port; the same as --http.port: one listener "
          + "serves both). Default: ${DEFAULT-VALUE}.")
  int wsPort;

  /** The endpoints asked for. */
  public RpcServerOptions options() {
    RpcServerOptions o = new RpcServerOptions(false, httpAddr, httpPort, false, wsAddr, wsPort, RpcLimits.DEFAULT);
    if (http) {
      o = o.withHttp(httpAddr, httpPort);
    }
    if (ws) {
      o = o.withWs(wsAddr, wsPort);
    }
    return o;
  }

  public boolean enabled() {
    return http || ws;
  }

  /**
   * Starts the endpoints asked for, if any.
   *
   * @throws IllegalArgumentException for a port out of range
   * @throws java.io.UncheckedIOException (or another runtime exception) when it cannot listen
   */
  public Optional<RpcServer> start(RpcBackend backend) {
    return enabled() ? Optional.of(RpcServer.start(options(), backend)) : Optional.empty();
  }
}
