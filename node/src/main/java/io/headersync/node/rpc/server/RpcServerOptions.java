package io.headersync.node.rpc.server;

import java.util.Objects;

/**
 * Where the public JSON-RPC endpoints listen, named as geth's flags name them: {@code --http},
 * {@code --http.addr}, {@code --http.port}, {@code --ws}, {@code --ws.addr}, {@code --ws.port}.
 * Both are off unless asked for. The defaults are geth's: loopback only (the API is for local
 * tools; exposing it is an operator's decision), 8545 for HTTP and 8546 for WebSocket. When both
 * are on with the same address and port, one listener serves both.
 */
public record RpcServerOptions(boolean http, String httpAddr, int httpPort, boolean ws, String wsAddr, int wsPort,
    RpcLimits limits) {

  public static final String DEFAULT_ADDR = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8545;
  public static final int DEFAULT_WS_PORT = 8546;

  public static final RpcServerOptions DEFAULT =
      new RpcServerOptions(false, DEFAULT_ADDR, DEFAULT_HTTP_PORT, false, DEFAULT_ADDR, DEFAULT_WS_PORT, RpcLimits.DEFAULT);

  public RpcServerOptions {
    Objects.requireNonNull(httpAddr, "httpAddr");
    Objects.requireNonNull(wsAddr, "wsAddr");
    Objects.requireNonNull(limits, "limits");
    checkPort(httpPort, "--http.port");
    checkPort(wsPort, "--ws.port");
  }

  public RpcServerOptions withHttp(String addr, int port) {
    return new RpcServerOptions(true, addr, port, ws, wsAddr, wsPort, limits);
  }

  public RpcServerOptions withWs(String addr, int port) {
    return new RpcServerOptions(http, httpAddr, httpPort, true, addr, port, limits);
  }

  public RpcServerOptions withLimits(RpcLimits value) {
    return new RpcServerOptions(http, httpAddr, httpPort, ws, wsAddr, wsPort, value);
  }

  /** Port 0 asks the system for a free port (tests). */
  private static void checkPort(int port, String flag) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(flag + " must be 0..65535, got " + port);
    }
  }
}
