package io.headersync.node.rpc.server;

import io.headersync.node.rpc.jsonrpc.CallContext;
import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one WebSocket connection: each text (or binary) message is a JSON-RPC request or batch,
 * answered with one text message; subscriptions push {@code eth_subscription} messages through
 * the connection's {@link WebSocketSubscriptions}. A message over the size limit closes the
 * connection with 1009; a rate-limited message is answered with a -32005 error.
 */
final class WebSocketRpcHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketRpcHandler.class);

  private final EndpointConfig config;
  private final RateLimiter limiter;
  private final WebSocketServerHandshaker handshaker;
  private final InetSocketAddress remote;
  private WebSocketSubscriptions subscriptions;

  WebSocketRpcHandler(EndpointConfig config, RateLimiter limiter, WebSocketServerHandshaker handshaker, InetSocketAddress remote) {
    this.config = config;
    this.limiter = limiter;
    this.handshaker = handshaker;
    this.remote = remote;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    subscriptions = new WebSocketSubscriptions(ctx.channel(), config.dispatcher(), config.limits().maxSubscriptionsPerConnection());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      byte[] body = ByteBufUtil.getBytes(frame.content());
      JsonRpcDispatcher.Result result = config.dispatcher().dispatch(body,
          new CallContext(String.valueOf(remote), java.util.Optional.of(subscriptions)),
          calls -> limiter.tryAcquire(remote.getAddress(), calls));
      if (result.outcome() != JsonRpcDispatcher.Outcome.NOTHING_TO_ANSWER) {
        ctx.channel().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(result.body())));
      }
      // Only now may a new subscription's notifications follow its id.
      subscriptions.activatePending();
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.channel().writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame) {
      handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    subscriptions.closeAll();
    super.channelInactive(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable() && subscriptions.count() > 0) {
      // A subscriber that does not read its notifications would otherwise hold our memory.
      LOG.info("WebSocket client {} reads too slowly; closing its connection", remote);
      subscriptions.closeAll();
      handshaker.close(ctx.channel(), new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "notifications not read in time"));
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
      LOG.debug("WebSocket message from {} refused: {}", remote, cause.getMessage());
      handshaker.close(ctx.channel(), new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "a message is at most " + config.limits().maxWebSocketMessageBytes() + " bytes"));
      return;
    }
    LOG.debug("WebSocket connection from {} failed", remote, cause);
    ctx.close();
  }
}
