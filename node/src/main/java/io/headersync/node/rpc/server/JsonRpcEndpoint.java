package io.headersync.node.rpc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket serving JSON-RPC over HTTP {@code POST} and, when enabled, WebSocket
 * upgrades on any path. Owns its threads: one I/O thread (request parsing is cheap next to the
 * store reads), and {@link RpcLimits#workerThreads()} threads that run the calls.
 */
public final class JsonRpcEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcEndpoint.class);

  private final EndpointConfig config;
  private final EventLoopGroup io;
  private final EventExecutorGroup workers;
  private final Channel server;
  private final ChannelGroup connections;

  private JsonRpcEndpoint(EndpointConfig config, EventLoopGroup io, EventExecutorGroup workers, Channel server,
      ChannelGroup connections) {
    this.config = config;
    this.io = io;
    this.workers = workers;
    this.server = server;
    this.connections = connections;
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and starts serving.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static JsonRpcEndpoint start(String host, int port, EndpointConfig config) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(config, "config");
    EventLoopGroup io = new NioEventLoopGroup(1, new DefaultThreadFactory("rpc-" + config.name() + "-io", true));
    EventExecutorGroup workers = new DefaultEventExecutorGroup(config.limits().workerThreads(),
        new DefaultThreadFactory("rpc-" + config.name() + "-call", true));
    RateLimiter limiter = RateLimiter.of(config.limits());
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerBootstrap b = new ServerBootstrap()
        .group(io)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(config.limits().writeBufferHighWaterBytes() / 2, config.limits().writeBufferHighWaterBytes()))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(config.limits().maxRequestBytes()))
                .addLast(workers, "rpc", new HttpRpcHandler(config, limiter, workers));
          }
        });
    try {
      Channel server = b.bind(host, port).syncUninterruptibly().channel();
      JsonRpcEndpoint endpoint = new JsonRpcEndpoint(config, io, workers, server, connections);
      LOG.info("{} JSON-RPC endpoint listening on {} ({}{})", config.name(), endpoint.address(),
          config.http() ? "HTTP" : "", config.webSocket() ? (config.http() ? " and WebSocket" : "WebSocket") : "");
      return endpoint;
    } catch (Exception e) { // bind failures arrive as checked exceptions Netty rethrows unchecked
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (e instanceof java.io.IOException) {
        BindException named = new BindException("cannot listen for " + config.name() + " JSON-RPC on "
            + host + ":" + port + ": " + e.getMessage());
        named.initCause(e);
        throw new UncheckedIOException(named);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e);
    }
  }

  /** Where it listens (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public EndpointConfig config() {
    return config;
  }

  /** Stops listening, closes connections and ends the threads; waits up to a few seconds. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    // Connections first, so that no call is left to answer on a stopped I/O thread.
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    // A short quiet period lets the close events of those connections pass between the two groups.
    io.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    workers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
