package io.headersync.node.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.bytes.Hex;
import io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.SubscriptionHost;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one WebSocket connection. A new subscription holds its notifications until
 * the response carrying its id has been written ({@link #activatePending}), so a client never sees
 * a notification for an id it does not know yet. Ids are 16 random bytes, as geth's are, so one
 * connection cannot guess another's.
 *
 * <p>Thread-safe: methods open and close from worker threads, publishers push from theirs.
 */
final class WebSocketSubscriptions implements SubscriptionHost {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSubscriptions.class);
  private static final SecureRandom IDS = new SecureRandom();
  /** Notifications a subscription holds before its id is sent; a burst larger than this is a bug upstream. */
  private static final int MAX_HELD = 1024;

  private final Channel channel;
  private final JsonRpcDispatcher writer;
  private final int maxSubscriptions;
  private final Map<String, Subscription> open = new LinkedHashMap<>();

  private final class Subscription {
    final String id;
    AutoCloseable source;
    List<byte[]> held = new ArrayList<>();

    Subscription(String id) {
      this.id = id;
    }

    void push(JsonNode result) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("jsonrpc", "2.0");
      n.put("method", "eth_subscription");
      ObjectNode params = n.putObject("params");
      params.put("subscription", id);
      params.set("result", result);
      byte[] bytes = writer.write(n);
      synchronized (this) {
        if (held != null) {
          if (held.size() < MAX_HELD) {
            held.add(bytes);
          }
          return;
        }
      }
      channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    synchronized void activate() {
      if (held == null) {
        return;
      }
      for (byte[] b : held) {
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(b)));
      }
      channel.flush();
      held = null;
    }
  }

  WebSocketSubscriptions(Channel channel, JsonRpcDispatcher writer, int maxSubscriptions) {
    this.channel = channel;
    this.writer = writer;
    this.maxSubscriptions = maxSubscriptions;
  }

  @Override
  public String open(Function<Consumer<JsonNode>, AutoCloseable> start) {
    Subscription s;
    synchronized (open) {
      if (open.size() >= maxSubscriptions) {
        throw new JsonRpcException(JsonRpcException.LIMIT_EXCEEDED,
            "a connection may hold at most " + maxSubscriptions + " subscriptions");
      }
      byte[] raw = new byte[16];
      IDS.nextBytes(raw);
      s = new Subscription(Hex.encode(raw));
      open.put(s.id, s);
    }
    s.source = start.apply(s::push);
    return s.id;
  }

  @Override
  public boolean close(String id) {
    Subscription s;
    synchronized (open) {
      s = open.remove(id);
    }
    if (s == null) {
      return false;
    }
    closeSource(s);
    return true;
  }

  /** Releases the notifications of subscriptions opened by the message just answered. */
  void activatePending() {
    List<Subscription> all;
    synchronized (open) {
      all = new ArrayList<>(open.values());
    }
    all.forEach(Subscription::activate);
  }

  int count() {
    synchronized (open) {
      return open.size();
    }
  }

  void closeAll() {
    List<Subscription> all;
    synchronized (open) {
      all = new ArrayList<>(open.values());
      open.clear();
    }
    all.forEach(WebSocketSubscriptions::closeSource);
  }

  private static void closeSource(Subscription s) {
    try {
      if (s.source != null) {
        s.source.close();
      }
    } catch (Exception e) {
      LOG.debug("closing subscription {} failed", s.id, e);
    }
  }
}
