package io.headersync.p2p.discovery;

import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.wire.PacketCodec;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * discv4 on a UDP socket: {@link #start} binds the port, seeds the table with the bootnodes and
 * looks up its own id, then keeps looking up random targets and checking table entries for
 * liveness until {@link #stop}.
 *
 * <p>All protocol work runs on the socket's Netty event loop; the public methods may be called
 * from any thread. Candidates to dial: {@link #nodes()} (a snapshot) or a
 * {@link DiscoveryListener}.
 */
public final class DiscoveryService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);

  private final EventLoopGroup group;
  private final Channel channel;
  private final EventLoopTaskScheduler loop;
  private final DiscoveryProtocol protocol;
  private final DiscoveryConfig config;

  private DiscoveryService(EventLoopGroup group, Channel channel, EventLoopTaskScheduler loop, DiscoveryProtocol protocol,
      DiscoveryConfig config) {
    this.group = group;
    this.channel = channel;
    this.loop = loop;
    this.protocol = protocol;
    this.config = config;
  }

  /**
   * Binds {@code config}'s address and port, signs our record with {@code key} and starts
   * discovering from {@code bootnodes}.
   *
   * @throws java.io.UncheckedIOException naming the address when the port cannot be bound
   */
  public static DiscoveryService start(DiscoveryConfig config, NodeKey key, List<DiscoveryNode> bootnodes) {
    EventLoopGroup group = new NioEventLoopGroup(1, runnable -> {
      Thread t = new Thread(runnable, "discv4-" + key.nodeId());
      t.setDaemon(true);
      return t;
    });
    DiscoveryProtocol[] protocolRef = new DiscoveryProtocol[1];
    Channel channel;
    try {
      channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
          // One datagram never exceeds the cap; a larger one is read truncated and fails its hash check.
          .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(PacketCodec.MAX_PACKET_SIZE + 1))
          .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
              ByteBuf content = msg.content();
              int size = content.readableBytes();
              if (size > PacketCodec.MAX_PACKET_SIZE) {
                // Counted as malformed by the decoder without copying more than the cap.
                size = PacketCodec.MAX_PACKET_SIZE + 1;
              }
              byte[] bytes = new byte[size];
              content.getBytes(content.readerIndex(), bytes, 0, size);
              protocolRef[0].onDatagram(bytes, msg.sender());
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
              LOG.debug("discovery socket error: {}", cause.toString());
            }
          })
          .bind(new InetSocketAddress(config.bindAddress(), config.udpPort())).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the checked BindException undeclared
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      String where = config.bindAddress().getHostAddress() + ":" + config.udpPort();
      throw new java.io.UncheckedIOException("cannot bind discovery to " + where,
          e instanceof java.io.IOException io ? io : new java.io.IOException(e.getMessage(), e));
    }
    int port = ((InetSocketAddress) channel.localAddress()).getPort();
    EventLoopTaskScheduler loop = new EventLoopTaskScheduler(channel.eventLoop());
    DiscoveryProtocol protocol = new DiscoveryProtocol(key, config, loop,
        (to, datagram) -> channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)), port);
    protocolRef[0] = protocol;
    DiscoveryService service = new DiscoveryService(group, channel, loop, protocol, config);
    loop.execute(() -> {
      bootnodes.forEach(protocol::seed);
      service.lookupNow();
      service.scheduleRevalidation();
    });
    LOG.info("discv4 listening on {} as {}", channel.localAddress(), protocol.localRecord().toText());
    return service;
  }

  private void lookupNow() {
    protocol.lookup(protocol.self()).whenComplete((r, e) -> loop.schedule(config.lookupInterval(), this::randomLookup));
  }

  private void randomLookup() {
    protocol.lookup(protocol.randomTarget()).whenComplete((r, e) -> loop.schedule(config.lookupInterval(), this::randomLookup));
  }

  private void scheduleRevalidation() {
    loop.schedule(config.revalidateInterval(), () -> {
      protocol.revalidateOne();
      scheduleRevalidation();
    });
  }

  /** The address the socket is bound to (with the port the system chose, if 0 was asked). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Our node id. */
  public NodeId nodeId() {
    return protocol.self();
  }

  /** Our signed node record, as ENRRequest answers carry it. */
  public Enr localRecord() {
    return protocol.localRecord();
  }

  /** The nodes in the routing table now: candidates to dial. */
  public List<DiscoveryNode> nodes() {
    return protocol.nodes();
  }

  /** The latest record received from {@code id}, if any. */
  public CompletableFuture<Optional<Enr>> record(NodeId id) {
    return onLoop(() -> CompletableFuture.completedFuture(protocol.record(id)));
  }

  public void addListener(DiscoveryListener listener) {
    protocol.addListener(listener);
  }

  /** Runs a lookup towards {@code target} now; completes with the closest live nodes found. */
  public CompletableFuture<List<DiscoveryNode>> lookup(NodeId target) {
    return onLoop(() -> protocol.lookup(target));
  }

  /** Pings {@code node}; completes with true on a Pong, false on time-out. */
  public CompletableFuture<Boolean> ping(DiscoveryNode node) {
    return onLoop(() -> {
      CompletableFuture<Boolean> f = new CompletableFuture<>();
      protocol.ping(node.id(), node.udpAddress(), node.tcpPort(), f::complete);
      return f;
    });
  }

  /** Asks {@code node} for its record (bonding first, so that it answers). */
  public CompletableFuture<Enr> requestEnr(DiscoveryNode node) {
    return onLoop(() -> {
      CompletableFuture<Enr> f = new CompletableFuture<>();
      protocol.ensureBond(node,
          () -> protocol.requestEnr(node.id(), node.udpAddress()).whenComplete((r, e) -> {
            if (e != null) {
              f.completeExceptionally(e);
            } else {
              f.complete(r);
            }
          }),
          () -> f.completeExceptionally(new TimeoutException("no pong from " + node)));
      return f;
    });
  }

  /** What the protocol counted so far. */
  public Map<DiscoveryCounter, Long> counters() {
    return protocol.counters();
  }

  private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    loop.execute(() -> work.get().whenComplete((r, e) -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else {
        out.complete(r);
      }
    }));
    return out;
  }

  /** Closes the socket and stops every timer; pending requests are abandoned. */
  public void stop() {
    channel.close().syncUninterruptibly();
    try {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("discovery event loop did not stop cleanly: {}", e.toString());
    }
  }

  @Override
  public void close() {
    stop();
  }
}
