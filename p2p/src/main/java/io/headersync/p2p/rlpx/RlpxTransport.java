package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.api.DisconnectReason;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RLPx over TCP with Netty: listens for inbound sessions, dials {@code enode://} URLs, and runs
 * every session through the handshake, Hello and capability negotiation before the
 * {@link SessionListener} admits it and the sub-protocols' handlers see it.
 *
 * <pre>{@code
 * RlpxTransport rlpx = new RlpxTransport(key, "headersync/0.1", List.of(eth), RlpxConfig.DEFAULT, peerSet);
 * rlpx.listen(new InetSocketAddress(30303)).join();
 * rlpx.dial(Enode.parse("enode://...@203.0.113.7:30303")).whenComplete(...);
 * }</pre>
 */
public final class RlpxTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RlpxTransport.class);

  /** I/O threads: two keep up with a hundred peers' headers traffic while leaving cores for verification. */
  private static final int IO_THREADS = 2;

  private final SessionSetup setup;
  private final EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup("rlpx", GlobalEventExecutor.INSTANCE);
  private final AtomicInteger listenPort = new AtomicInteger();
  private final TrafficCounter traffic = new TrafficCounter();
  private volatile Channel server;
  private volatile boolean closed;

  /**
   * @param clientId our client name for Hello, such as {@code headersync/v0.1.0/linux-amd64/java21}
   * @param protocols the sub-protocols offered to every session
   */
  public RlpxTransport(NodeKey nodeKey, String clientId, List<ProtocolFactory> protocols, RlpxConfig config,
      SessionListener listener) {
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(clientId, "clientId");
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("an RLPx transport needs at least one sub-protocol to offer");
    }
    this.setup = new SessionSetup(nodeKey, clientId, listenPort::get, protocols, config, listener, new SecureRandom());
    this.group = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("rlpx", true));
  }

  public NodeId nodeId() {
    return setup.nodeKey().nodeId();
  }

  /**
   * Starts accepting inbound sessions on {@code address} (port 0 picks a free port).
   *
   * @return the address actually bound
   */
  public CompletableFuture<InetSocketAddress> listen(InetSocketAddress address) {
    CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("transport is closed"));
      return result;
    }
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ch.pipeline().addLast("rlpx-traffic", traffic.handler());
            ch.pipeline().addLast("rlpx-read-pause", ReadPauseHandler.INSTANCE);
            ch.pipeline().addLast("rlpx-handshake", new HandshakeHandler(setup, null, new CompletableFuture<>()));
          }
        });
    bootstrap.bind(address).addListener((ChannelFuture f) -> {
      if (f.isSuccess()) {
        server = f.channel();
        channels.add(server);
        InetSocketAddress bound = (InetSocketAddress) f.channel().localAddress();
        listenPort.set(bound.getPort());
        LOG.info("RLPx listening on {} as {}", SessionHandler.formatAddress(bound), nodeId().toHex());
        result.complete(bound);
      } else {
        result.completeExceptionally(f.cause());
      }
    });
    return result;
  }

  private WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(setup.config().writeBufferLowMark(), setup.config().writeBufferHighMark());
  }

  /** Bytes read and written on every connection of this transport, handshakes included. */
  public TrafficCounter traffic() {
    return traffic;
  }

  /** The port we listen on, or 0 before {@link #listen}. */
  public int listenPort() {
    return listenPort.get();
  }

  /**
   * Dials a node. The future completes with the session once it is admitted by the listener, or
   * fails with a {@link SessionClosedException} saying why it did not get that far.
   */
  public CompletableFuture<RlpxSession> dial(Enode enode) {
    CompletableFuture<RlpxSession> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("transport is closed"));
      return result;
    }
    if (enode.id().equals(nodeId())) {
      result.completeExceptionally(new SessionClosedException(DisconnectReason.CONNECTED_TO_SELF, false,
          "refusing to dial our own node id"));
      return result;
    }
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) setup.config().handshakeTimeout().toMillis())
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ch.pipeline().addLast("rlpx-traffic", traffic.handler());
            ch.pipeline().addLast("rlpx-read-pause", ReadPauseHandler.INSTANCE);
            ch.pipeline().addLast("rlpx-handshake", new HandshakeHandler(setup, enode.id(), result));
          }
        });
    bootstrap.connect(enode.host(), enode.tcpPort()).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        LOG.debug("dialling {} failed: {}", enode, f.cause().toString());
        result.completeExceptionally(new SessionClosedException(DisconnectReason.NETWORK_ERROR, false,
            "connecting to " + enode.host() + ":" + enode.tcpPort() + " failed: " + f.cause()));
      }
    });
    return result;
  }

  /**
   * Stops listening, sends every session a Disconnect ({@code CLIENT_QUITTING}), closes them and
   * stops the I/O threads.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Channel s = server;
    if (s != null) {
      s.close().awaitUninterruptibly();
    }
    for (Channel ch : channels) {
      SessionHandler session = ch.pipeline().get(SessionHandler.class);
      if (session != null) {
        session.disconnectNow(DisconnectReason.CLIENT_QUITTING);
      } else {
        ch.close();
      }
    }
    channels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
