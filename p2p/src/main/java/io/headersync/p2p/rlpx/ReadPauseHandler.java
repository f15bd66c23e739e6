package io.headersync.p2p.rlpx;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading from a connection while it is not writable and reads again once it is. Netty
 * never blocks a write, so without this a peer that sends requests (or Pings) and never reads the
 * answers makes the outbound buffer grow without end; with it, what we queue for one connection
 * stays near the write buffer's high water mark ({@link RlpxConfig#writeBufferHighMark()}), and a
 * peer that stays unreadable is dropped by the idle watch, which sees no reads meanwhile.
 *
 * <p>Stateless and shared by every connection of a transport; first in the pipeline, so it
 * covers the handshake too.
 */
@ChannelHandler.Sharable
final class ReadPauseHandler extends ChannelInboundHandlerAdapter {

  static final ReadPauseHandler INSTANCE = new ReadPauseHandler();

  private static final Logger LOG = LoggerFactory.getLogger(ReadPauseHandler.class);

  private ReadPauseHandler() {}

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    if (ctx.channel().config().isAutoRead() != writable) {
      LOG.debug("{}: {} reading, the peer {} our writes", SessionHandler.formatAddress(ctx.channel().remoteAddress()),
          writable ? "resuming" : "pausing", writable ? "caught up with" : "is not keeping up with");
      // turning auto-read back on also issues the read that was skipped
      ctx.channel().config().setAutoRead(writable);
    }
    ctx.fireChannelWritabilityChanged();
  }
}
