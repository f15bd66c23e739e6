package io.headersync.node.rpc.server;

import io.headersync.node.rpc.jsonrpc.CallContext;
import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection: authenticates each request, answers JSON-RPC {@code POST}s, and
 * turns a WebSocket upgrade into a {@link WebSocketRpcHandler} in its place.
 *
 * <p>Statuses: 200 with the JSON-RPC response (errors included: JSON-RPC errors travel in the
 * body); 401 refused by the authenticator; 405 for a method other than {@code POST} (or a {@code
 * GET} that is no upgrade); 413 for a body over the limit (sent by the aggregator before this
 * handler); 415 for a content type other than {@code application/json}; 429 when the caller's
 * address is over its rate, with a -32005 error as the body.
 */
final class HttpRpcHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRpcHandler.class);

  private final EndpointConfig config;
  private final RateLimiter limiter;
  private final EventExecutorGroup workers;

  HttpRpcHandler(EndpointConfig config, RateLimiter limiter, EventExecutorGroup workers) {
    this.config = config;
    this.limiter = limiter;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "malformed HTTP request\n");
      return;
    }
    Optional<String> refused = config.authenticator().refuse(request);
    if (refused.isPresent()) {
      respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, "text/plain", refused.get() + "\n");
      return;
    }
    if (isUpgrade(request)) {
      if (!config.webSocket()) {
        respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "this endpoint does not serve WebSocket\n");
        return;
      }
      upgrade(ctx, request);
      return;
    }
    if (!config.http()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "this endpoint serves WebSocket only\n");
      return;
    }
    if (!HttpMethod.POST.equals(request.method())) {
      FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
          "JSON-RPC requests are sent with POST\n");
      r.headers().set(HttpHeaderNames.ALLOW, "POST");
      send(ctx, request, r);
      return;
    }
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      respond(ctx, request, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "text/plain",
          "content type must be application/json, found \"" + type + "\"\n");
      return;
    }
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    byte[] body = ByteBufUtil.getBytes(request.content());
    JsonRpcDispatcher.Result result = config.dispatcher().dispatch(body, CallContext.http(String.valueOf(remote)),
        calls -> limiter.tryAcquire(remote.getAddress(), calls));
    HttpResponseStatus status = result.outcome() == JsonRpcDispatcher.Outcome.RATE_LIMITED
        ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.OK;
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(result.body()));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    send(ctx, request, r);
  }

  private static boolean isUpgrade(FullHttpRequest request) {
    return HttpMethod.GET.equals(request.method())
        && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    int max = config.limits().maxWebSocketMessageBytes();
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, false, max).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    // The handshake swaps the HTTP codec for WebSocket frame codecs; this handler is replaced by a
    // frame aggregator and the WebSocket handler before any frame can arrive (the client waits for
    // the 101 response, which is written on the I/O thread after these changes).
    handshaker.handshake(ctx.channel(), request);
    ctx.pipeline().addAfter(ctx.name(), "ws-aggregate", new WebSocketFrameAggregator(max));
    ctx.pipeline().addAfter(workers, "ws-aggregate", "ws-rpc", new WebSocketRpcHandler(config, limiter, handshaker, remote));
    ctx.pipeline().remove(this);
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type,
      String body) {
    send(ctx, request, response(status, type, body));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
    return r;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("{} JSON-RPC connection from {} failed", config.name(), ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
