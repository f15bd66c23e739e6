package io.headersync.node.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format, on the JDK's HTTP server with one
 * daemon thread: a scrape every few seconds needs no more, and a slow scraper cannot take threads
 * from the sync.
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  /** The path Prometheus scrapes by default. */
  public static final String PATH = "/metrics";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code config}'s address and port.
   *
   * @throws UncheckedIOException naming the address when it cannot listen (port taken, bad address)
   */
  public static MetricsServer start(NodeMetrics metrics, MetricsConfig config) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.address(), config.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + config.address() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, metrics));
    server.start();
    MetricsServer s = new MetricsServer(server, executor);
    LOG.info("serving metrics at {}", s.url());
    return s;
  }

  private static void answer(HttpExchange exchange, NodeMetrics metrics) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!PATH.equals(path)) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at " + PATH + "\n", true);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method " + method + " not allowed\n", true);
      } else {
        String body;
        try {
          body = metrics.scrape();
        } catch (RuntimeException e) {
          // A store closed under the scrape (shutdown) or a failing source: say so instead of dropping the connection.
          LOG.warn("metrics scrape failed", e);
          send(exchange, 500, "text/plain; charset=utf-8", "scrape failed: " + e.getMessage() + "\n", true);
          return;
        }
        send(exchange, 200, TextFormat.CONTENT_TYPE, body, !method.equals("HEAD"));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body, boolean withBody)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, withBody ? bytes.length : -1);
    if (withBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The port listened on (the one chosen when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where to scrape. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + PATH;
  }

  /** Stops listening at once (a scrape in progress is cut short). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
