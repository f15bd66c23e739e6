package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base protocol of one RLPx session, above the frame layer: sends our Hello and checks the
 * remote's, negotiates capabilities, asks the listener to admit the session, then answers Pings
 * (within a rate limit on every base-protocol message, so a Ping flood cannot make us queue Pongs),
 * measures round trips, watches for silence, hands each sub-protocol its messages (decompressed
 * and within the size cap) and ends the session with a Disconnect that is always sent when the
 * decision is ours and always logged, once.
 *
 * <p>Everything but {@link #sendMessage} and {@link #disconnect} runs on the channel's event
 * loop; those two may be called from any thread.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter implements RlpxSession {

  private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
  private static final byte[] EMPTY_LIST = {(byte) 0xC0};
  private static final int PING = 0x02;
  private static final int PONG = 0x03;

  private enum State { AWAITING_HELLO, ACTIVE, CLOSING }

  private record Route(SharedCapability shared, ProtocolHandler handler) {}

  private final SessionSetup setup;
  private final NodeId remoteId;
  private final boolean inbound;
  private final CompletableFuture<RlpxSession> established;
  private final Future<?> handshakeDeadline;
  private final LongSupplier nanoClock;
  private final TokenBucket baseMessages;

  private ChannelHandlerContext ctx;
  private volatile State state = State.AWAITING_HELLO;
  private volatile HelloMessage remoteHello;
  private volatile boolean snappy;
  private volatile Duration roundTrip;
  private volatile List<Route> routes = List.of();
  private boolean admitted;
  private boolean finished;
  private boolean idlePingSent;
  private long pingSentAt;

  SessionHandler(SessionSetup setup, NodeId remoteId, boolean inbound, CompletableFuture<RlpxSession> established,
      Future<?> handshakeDeadline) {
    this(setup, remoteId, inbound, established, handshakeDeadline, System::nanoTime);
  }

  /** As above, with the clock of round trips and of the base-protocol rate limit given (for tests). */
  SessionHandler(SessionSetup setup, NodeId remoteId, boolean inbound, CompletableFuture<RlpxSession> established,
      Future<?> handshakeDeadline, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.baseMessages = new TokenBucket(setup.config().baseMessageRate(), nanoClock);
    this.setup = setup;
    this.remoteId = remoteId;
    this.inbound = inbound;
    this.established = established;
    this.handshakeDeadline = handshakeDeadline;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    ctx.writeAndFlush(new RlpxFrame(HelloMessage.CODE, setup.hello().encode()));
  }

  // ---- inbound

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof RlpxFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    idlePingSent = false;
    if (state == State.CLOSING) {
      return;
    }
    try {
      onFrame(frame);
    } catch (RlpxException e) {
      endLocally(e.disconnectReason(), e.getMessage());
    }
  }

  private void onFrame(RlpxFrame frame) {
    int code = frame.code();
    if (code == HelloMessage.CODE) {
      onHello(frame.data());
      return;
    }
    if (code == DisconnectMessage.CODE) {
      onDisconnect(frame.data());
      return;
    }
    if (state == State.AWAITING_HELLO) {
      throw new RlpxException(RlpxException.Reason.UNEXPECTED_MESSAGE,
          "message 0x" + Integer.toHexString(code) + " before Hello");
    }
    if (code < CapabilityNegotiation.FIRST_OFFSET && !baseMessages.tryTake()) {
      RlpxConfig.RateLimit limit = setup.config().baseMessageRate();
      throw new RlpxException(RlpxException.Reason.BASE_MESSAGE_FLOOD, "base-protocol message 0x"
          + Integer.toHexString(code) + " beyond the limit of " + limit.burst() + " at once and " + limit.perSecond()
          + " a second");
    }
    switch (code) {
      case PING -> sendBase(PONG, EMPTY_LIST);
      case PONG -> onPong();
      default -> {
        if (code < CapabilityNegotiation.FIRST_OFFSET) {
          LOG.debug("{}: ignoring base protocol message 0x{} this version does not define", this, Integer.toHexString(code));
        } else {
          deliver(code, frame.data());
        }
      }
    }
  }

  private void onHello(byte[] data) {
    if (state != State.AWAITING_HELLO) {
      throw new RlpxException(RlpxException.Reason.UNEXPECTED_MESSAGE, "a second Hello");
    }
    HelloMessage hello = HelloMessage.decode(data);
    NodeId id = hello.nodeId();
    if (java.util.Arrays.equals(id.publicKey(), new byte[64])) {
      throw new RlpxException(RlpxException.Reason.NULL_IDENTITY, "Hello carries an all-zero node id");
    }
    if (!id.equals(remoteId)) {
      throw new RlpxException(RlpxException.Reason.UNEXPECTED_IDENTITY,
          "Hello names node " + id.toHex() + " but the handshake authenticated " + remoteId.toHex());
    }
    if (id.equals(setup.nodeKey().nodeId())) {
      throw new RlpxException(RlpxException.Reason.CONNECTED_TO_SELF, "the remote is this node");
    }
    List<SharedCapability> shared = CapabilityNegotiation.negotiate(setup.protocols(), hello.capabilities());
    if (shared.isEmpty()) {
      throw new RlpxException(RlpxException.Reason.NO_SHARED_CAPABILITY,
          "remote offers " + hello.capabilities() + ", we offer " + setup.hello().capabilities());
    }
    handshakeDeadline.cancel(false);
    remoteHello = hello;
    snappy = hello.p2pVersion() >= HelloMessage.SNAPPY_VERSION;
    List<Route> pending = new ArrayList<>(shared.size());
    for (SharedCapability s : shared) {
      pending.add(new Route(s, null));
    }
    routes = pending;
    Optional<DisconnectReason> refusal = setup.listener().admit(this);
    if (refusal.isPresent()) {
      endLocally(refusal.get(), "refused by the session listener");
      return;
    }
    admitted = true;
    state = State.ACTIVE;
    List<Route> open = new ArrayList<>(shared.size());
    for (SharedCapability s : shared) {
      try {
        open.add(new Route(s, s.factory().open(new SessionChannel(this, s))));
      } catch (RuntimeException e) {
        routes = List.copyOf(open);
        LOG.error("{}: opening {} failed", this, s.capability(), e);
        endLocally(DisconnectReason.SUBPROTOCOL_ERROR, "opening " + s.capability() + " failed: " + e);
        return;
      }
    }
    routes = List.copyOf(open);
    LOG.debug("{}: session established, {} {}, capabilities {}", this, inbound ? "inbound" : "outbound",
        hello.clientId(), capabilities());
    established.complete(this);
    sendPing();
  }

  private void onDisconnect(byte[] data) {
    DisconnectReason reason;
    String detail;
    try {
      DisconnectMessage msg = DisconnectMessage.decode(data, snappy, setup.config().maxMessageSize());
      reason = msg.reasonOrRequested();
      detail = msg.code().isPresent() && msg.reason().isEmpty()
          ? "remote sent Disconnect with unknown reason code " + msg.code().getAsLong()
          : "remote sent Disconnect";
    } catch (RlpxException e) {
      reason = DisconnectReason.REQUESTED;
      detail = "remote sent an unreadable Disconnect (" + e.getMessage() + ")";
    }
    state = State.CLOSING;
    finish(reason, true, detail);
    ctx.close();
  }

  private void onPong() {
    if (pingSentAt == 0) {
      return;
    }
    Duration rtt = Duration.ofNanos(nanoClock.getAsLong() - pingSentAt);
    pingSentAt = 0;
    roundTrip = rtt;
    if (admitted) {
      setup.listener().onRoundTrip(this, rtt);
    }
  }

  private void deliver(int code, byte[] data) {
    Route route = null;
    for (Route r : routes) {
      if (r.shared().owns(code)) {
        route = r;
        break;
      }
    }
    if (route == null) {
      throw new RlpxException(RlpxException.Reason.UNKNOWN_MESSAGE_CODE,
          "message code 0x" + Integer.toHexString(code) + " belongs to no negotiated capability");
    }
    byte[] payload = snappy ? MessageCompression.decompress(data, setup.config().maxMessageSize()) : data;
    if (payload.length > setup.config().maxMessageSize()) {
      throw new RlpxException(RlpxException.Reason.MESSAGE_TOO_LARGE,
          "message of " + payload.length + " bytes, the cap is " + setup.config().maxMessageSize());
    }
    try {
      route.handler().onMessage(code - route.shared().offset(), payload);
    } catch (RuntimeException e) {
      LOG.error("{}: {} handler failed on message {}", this, route.shared().capability(),
          code - route.shared().offset(), e);
      endLocally(DisconnectReason.SUBPROTOCOL_ERROR, route.shared().capability() + " handler failed: " + e);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == HandshakeTimeout.INSTANCE) {
      if (state == State.AWAITING_HELLO) {
        endLocally(DisconnectReason.TIMEOUT, "no Hello within " + setup.config().handshakeTimeout().toMillis() + " ms");
      }
      return;
    }
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (state != State.ACTIVE) {
        return;
      }
      if (idlePingSent) {
        endLocally(DisconnectReason.TIMEOUT, "no frame for " + 2 * setup.config().idleTimeout().toMillis()
            + " ms, Ping unanswered");
      } else {
        idlePingSent = true;
        sendPing();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof RlpxException e) {
        endLocally(e.disconnectReason(), e.getMessage());
        return;
      }
      if (t instanceof IOException io) {
        finish(DisconnectReason.NETWORK_ERROR, false, "I/O error: " + io.getMessage());
        ctx.close();
        return;
      }
    }
    LOG.warn("{}: unexpected error", this, cause);
    endLocally(DisconnectReason.NETWORK_ERROR, "unexpected error: " + cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSING;
    finish(DisconnectReason.NETWORK_ERROR, true, "connection closed without a Disconnect");
    ctx.fireChannelInactive();
  }

  // ---- outbound

  /** Sends a sub-protocol message with its session-wide code; callable from any thread. */
  void sendMessage(int code, byte[] payload) {
    if (payload.length > setup.config().maxMessageSize()) {
      throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds the cap of "
          + setup.config().maxMessageSize());
    }
    if (state != State.ACTIVE) {
      LOG.debug("{}: session not active, dropping outgoing message 0x{}", this, Integer.toHexString(code));
      return;
    }
    byte[] data = snappy ? MessageCompression.compress(payload) : payload;
    ctx.writeAndFlush(new RlpxFrame(code, data));
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    if (ctx.executor().inEventLoop()) {
      endLocally(reason, "requested locally");
    } else {
      ctx.executor().execute(() -> endLocally(reason, "requested locally"));
    }
  }

  /** Sends Disconnect and closes at once, without the grace period (used when shutting down). */
  void disconnectNow(DisconnectReason reason) {
    Runnable r = () -> {
      end(reason, "requested locally");
      ctx.close();
    };
    if (ctx.executor().inEventLoop()) {
      r.run();
    } else {
      ctx.executor().execute(r);
    }
  }

  /** Our decision to end the session: send Disconnect, give the remote time to read it, close. */
  private void endLocally(DisconnectReason reason, String detail) {
    if (end(reason, detail)) {
      long grace = setup.config().disconnectGrace().toMillis();
      ctx.executor().schedule(() -> {
        ctx.close();
      }, grace, TimeUnit.MILLISECONDS);
    }
  }

  private boolean end(DisconnectReason reason, String detail) {
    if (state == State.CLOSING) {
      return false;
    }
    state = State.CLOSING;
    byte[] body = DisconnectMessage.of(reason).encode();
    ctx.writeAndFlush(new RlpxFrame(DisconnectMessage.CODE, snappy ? MessageCompression.compress(body) : body))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    finish(reason, false, detail);
    return true;
  }

  private void sendBase(int code, byte[] body) {
    ctx.writeAndFlush(new RlpxFrame(code, snappy ? MessageCompression.compress(body) : body));
  }

  private void sendPing() {
    if (pingSentAt == 0) {
      pingSentAt = nanoClock.getAsLong();
    }
    sendBase(PING, EMPTY_LIST);
  }

  /** Records the end once: logs it, tells the handlers and the listener, fails a pending dial. */
  private void finish(DisconnectReason reason, boolean byRemote, String detail) {
    if (finished) {
      return;
    }
    finished = true;
    handshakeDeadline.cancel(false);
    LOG.debug("{}: session closed, {} {}: {}", this, reason, byRemote ? "by remote" : "by us", detail);
    if (admitted) {
      for (Route r : routes) {
        try {
          r.handler().onClosed(reason, byRemote);
        } catch (RuntimeException e) {
          LOG.error("{}: {} handler failed while closing", this, r.shared().capability(), e);
        }
      }
      setup.listener().onClosed(this, reason, byRemote);
    }
    established.completeExceptionally(new SessionClosedException(reason, byRemote, detail));
  }

  // ---- RlpxSession

  @Override
  public NodeId remoteId() {
    return remoteId;
  }

  @Override
  public String remoteClientId() {
    HelloMessage hello = remoteHello;
    return hello == null ? "" : hello.clientId();
  }

  @Override
  public String remoteAddress() {
    return formatAddress(ctx == null ? null : ctx.channel().remoteAddress());
  }

  @Override
  public boolean inbound() {
    return inbound;
  }

  @Override
  public long remoteP2pVersion() {
    HelloMessage hello = remoteHello;
    return hello == null ? 0 : hello.p2pVersion();
  }

  @Override
  public List<Capability> capabilities() {
    return routes.stream().map(r -> r.shared().capability()).toList();
  }

  @Override
  public Optional<Duration> roundTrip() {
    return Optional.ofNullable(roundTrip);
  }

  @Override
  public boolean isOpen() {
    return state == State.ACTIVE;
  }

  @Override
  public String toString() {
    return "rlpx " + remoteId + "@" + remoteAddress();
  }

  static String formatAddress(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      String host = inet.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
