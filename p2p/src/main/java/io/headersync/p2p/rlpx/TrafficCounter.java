package io.headersync.p2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes an {@link RlpxTransport} read from and wrote to its TCP connections: handshake messages
 * and frames (headers, MACs, padding and compressed payloads) of every session together, counted
 * as they cross the socket. For benchmarks and metrics ("bytes on the wire per header").
 */
public final class TrafficCounter {

  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final ChannelHandler handler = new Handler();

  /** Bytes read from every connection so far. */
  public long bytesReceived() {
    return received.sum();
  }

  /** Bytes written to every connection so far. */
  public long bytesSent() {
    return sent.sum();
  }

  /** The handler put first in every connection's pipeline; shared by all connections. */
  ChannelHandler handler() {
    return handler;
  }

  @ChannelHandler.Sharable
  private final class Handler extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf buf) {
        received.add(buf.readableBytes());
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof ByteBuf buf) {
        sent.add(buf.readableBytes());
      }
      ctx.write(msg, promise);
    }
  }
}
