package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every RLPx connection: runs the auth/ack exchange as initiator (we
 * dialled) or recipient, starts the handshake deadline, and on success replaces itself with the
 * idle watch, the {@link FrameHandler} and the {@link SessionHandler}, passing on any bytes that
 * came after the handshake message. A failure here closes the connection without a Disconnect,
 * since no frame can be sent before the secrets exist; it is logged once.
 */
final class HandshakeHandler extends ByteToMessageDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  private final SessionSetup setup;
  private final CompletableFuture<RlpxSession> established;
  private final InitiatorHandshake initiator;
  private final RecipientHandshake recipient;
  private final HandshakeMessageReader<Secrets> ackReader;
  private final HandshakeMessageReader<RecipientHandshake.Received> authReader;
  private io.netty.util.concurrent.Future<?> deadline;
  private boolean started;
  private boolean failed;

  /**
   * @param dialled the node we dialled, or {@code null} for an inbound connection
   * @param established completed with the session once admitted, or failed with a
   *     {@link SessionClosedException}
   */
  HandshakeHandler(SessionSetup setup, NodeId dialled, CompletableFuture<RlpxSession> established) {
    this.setup = setup;
    this.established = established;
    int max = setup.config().maxHandshakeSize();
    if (dialled != null) {
      initiator = InitiatorHandshake.create(setup.nodeKey(), dialled, setup.random());
      recipient = null;
      ackReader = new HandshakeMessageReader<>(InitiatorHandshake.legacyAckPacketSize(), max, initiator::readAck);
      authReader = null;
    } else {
      initiator = null;
      recipient = RecipientHandshake.create(setup.nodeKey(), setup.random());
      ackReader = null;
      authReader = new HandshakeMessageReader<>(RecipientHandshake.legacyAuthPacketSize(), max, recipient::readAuth);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    deadline = ctx.executor().schedule(() -> ctx.pipeline().fireUserEventTriggered(HandshakeTimeout.INSTANCE),
        setup.config().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (initiator != null) {
      byte[] auth;
      try {
        auth = initiator.authPacket();
      } catch (IllegalArgumentException e) {
        fail(ctx, DisconnectReason.UNEXPECTED_IDENTITY, e.getMessage());
        return;
      }
      ctx.writeAndFlush(Unpooled.wrappedBuffer(auth));
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    Secrets secrets;
    if (initiator != null) {
      secrets = ackReader.read(in);
    } else {
      RecipientHandshake.Received auth = authReader.read(in);
      if (auth == null) {
        return;
      }
      byte[] ack = recipient.ackPacket(auth);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(ack));
      secrets = recipient.secrets(auth, ack);
    }
    if (secrets != null) {
      install(ctx, secrets);
    }
  }

  private void install(ChannelHandlerContext ctx, Secrets secrets) {
    RlpxConfig config = setup.config();
    ctx.pipeline()
        .addAfter(ctx.name(), "rlpx-idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addAfter("rlpx-idle", "rlpx-frames", new FrameHandler(new FrameCodec(secrets, config.maxFrameSize())))
        .addAfter("rlpx-frames", "rlpx-session",
            new SessionHandler(setup, secrets.remoteId(), initiator == null, established, deadline));
    ctx.pipeline().remove(this);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == HandshakeTimeout.INSTANCE) {
      fail(ctx, DisconnectReason.TIMEOUT,
          "handshake not complete within " + setup.config().handshakeTimeout().toMillis() + " ms");
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof RlpxException e) {
        fail(ctx, e.disconnectReason(), e.getMessage());
        return;
      }
    }
    fail(ctx, DisconnectReason.NETWORK_ERROR, String.valueOf(cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail(ctx, DisconnectReason.NETWORK_ERROR, "connection closed during the handshake");
    super.channelInactive(ctx);
  }

  private void fail(ChannelHandlerContext ctx, DisconnectReason reason, String detail) {
    if (failed) {
      return;
    }
    failed = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    String who = initiator != null ? "outbound" : "inbound";
    LOG.debug("{} handshake with {} failed, {}: {}", who, SessionHandler.formatAddress(ctx.channel().remoteAddress()),
        reason, detail);
    established.completeExceptionally(new SessionClosedException(reason, false, "handshake failed: " + detail));
    ctx.close();
  }
}
