package io.headersync.p2p.eth;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.p2p.eth.EthMessage.BlockBodies;
import io.headersync.p2p.eth.EthMessage.BlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One eth peer as the request scheduler sees it, after a valid Status exchange.
 *
 * <p>Requests carry EIP-2481 request ids and wait in a pending map (at most
 * {@link EthConfig#maxInFlightRequests()}); an answer is matched to its request by id on the
 * session's thread, and the listener is called on the sync loop. A pending request whose answer
 * never comes is forgotten after {@link EthConfig#requestExpiry()} without calling its listener
 * (time-outs are the scheduler's business); when the session closes, every pending request ends
 * with {@link PeerError.Kind#DISCONNECTED}.
 *
 * <p>Requests are made on the sync loop, answers arrive on the session's thread: the pending map
 * is the only state both touch, and it is concurrent. Headers are hashed on the session's thread
 * before the hand-over, so that the work spreads over the sessions' threads.
 */
public final class EthPeer implements PeerHandle {

  private final PeerId id;
  private final ProtocolChannel channel;
  private final EthCodec codec;
  private final TaskScheduler loop;
  private final EthConfig config;
  private final RoundTripProbe roundTrip;
  private final ConcurrentHashMap<Long, Pending<?>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private volatile PeerChainState chainState;
  private volatile boolean closed;

  EthPeer(PeerId id, ProtocolChannel channel, EthCodec codec, TaskScheduler loop, EthConfig config,
      RoundTripProbe roundTrip, PeerChainState initial) {
    this.id = Objects.requireNonNull(id, "id");
    this.channel = channel;
    this.codec = codec;
    this.loop = loop;
    this.config = config;
    this.roundTrip = roundTrip;
    this.chainState = Objects.requireNonNull(initial, "initial");
  }

  @Override
  public PeerId id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(channel.capability());
  }

  public EthVersion version() {
    return codec.version();
  }

  @Override
  public PeerChainState chainState() {
    return chainState;
  }

  void chainState(PeerChainState state) {
    chainState = Objects.requireNonNull(state, "state");
  }

  @Override
  public Optional<Duration> measuredRoundTrip() {
    return roundTrip.roundTrip(channel);
  }

  /** Requests sent and not yet answered, expired or failed. */
  public int pendingRequests() {
    return pending.size();
  }

  @Override
  public void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {
    send(EthMessageType.BLOCK_HEADERS,
        rid -> new GetBlockHeaders(rid, request.origin(), request.limit(), request.skip(), request.reverse()),
        listener, m -> ((BlockHeaders) m).headers());
  }

  @Override
  public void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener) {
    send(EthMessageType.BLOCK_BODIES, rid -> new GetBlockBodies(rid, request.hashes()), listener,
        m -> ((BlockBodies) m).bodies());
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    channel.disconnect(reason);
  }

  private <T> void send(EthMessageType answerType, LongFunction<EthMessage> request, PeerResponseListener<T> listener,
      Function<EthMessage.Response, T> extract) {
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      failLater(listener, PeerError.Kind.DISCONNECTED, "the session is closed");
      return;
    }
    if (pending.size() >= config.maxInFlightRequests()) {
      failLater(listener, PeerError.Kind.SEND_FAILED, config.maxInFlightRequests() + " requests already in flight");
      return;
    }
    long requestId = nextRequestId.getAndIncrement();
    Pending<T> entry = new Pending<>(answerType, listener, extract);
    pending.put(requestId, entry);
    entry.expiry = loop.schedule(config.requestExpiry(), () -> pending.remove(requestId, entry));
    EthMessage message = request.apply(requestId);
    try {
      channel.send(message.type().code(), codec.encode(message));
    } catch (RuntimeException e) {
      if (pending.remove(requestId, entry)) {
        entry.expiry.cancel();
        failLater(listener, PeerError.Kind.SEND_FAILED, "send failed: " + e.getMessage());
      }
      return;
    }
    // The session may have closed between the check above and the put: nobody else will fail it.
    if (closed && pending.remove(requestId, entry)) {
      entry.expiry.cancel();
      failLater(listener, PeerError.Kind.DISCONNECTED, "the session closed while the request was sent");
    }
  }

  /**
   * Hands an answer to the listener of the request it names. Called on the session's thread.
   *
   * @return false when no request of ours is waiting for it (unknown id, or the wrong message for
   *     the id): the session counts that against the peer
   */
  boolean onResponse(EthMessage.Response response) {
    Pending<?> entry = pending.remove(response.requestId());
    if (entry == null) {
      return false;
    }
    if (entry.answerType != response.type()) {
      loop.execute(() -> {
        entry.expiry.cancel();
        entry.listener.onError(new PeerError(id, PeerError.Kind.MALFORMED_MESSAGE,
            "answered request " + Long.toUnsignedString(response.requestId()) + " with " + response.type()
                + ", expected " + entry.answerType));
      });
      return false;
    }
    if (response instanceof BlockHeaders headers) {
      hashOnThisThread(headers.headers());
    }
    loop.execute(() -> {
      entry.expiry.cancel();
      entry.deliver(id, response);
    });
    return true;
  }

  /**
   * Computes each header's hash here, on the session's thread, before the answer is handed to the
   * sync loop: the loop is one thread for all peers, and hashing is most of what it would spend on
   * an answer (a loopback sync's loop was saturated, a third of it in Keccak).
   */
  private static void hashOnThisThread(List<BlockHeader> headers) {
    for (BlockHeader header : headers) {
      header.hash();
    }
  }

  /** The session is over: every pending request fails with DISCONNECTED. Called once, on the session's thread. */
  void closed(DisconnectReason reason) {
    closed = true;
    for (Long requestId : pending.keySet()) {
      Pending<?> entry = pending.remove(requestId);
      if (entry != null) {
        loop.execute(() -> {
          entry.expiry.cancel();
          entry.listener.onError(new PeerError(id, PeerError.Kind.DISCONNECTED, "disconnected: " + reason));
        });
      }
    }
  }

  private void failLater(PeerResponseListener<?> listener, PeerError.Kind kind, String detail) {
    loop.execute(() -> listener.onError(new PeerError(id, kind, detail)));
  }

  @Override
  public String toString() {
    return "EthPeer[" + id + ", " + codec.version() + "]";
  }

  private static final class Pending<T> {
    final EthMessageType answerType;
    final PeerResponseListener<T> listener;
    final Function<EthMessage.Response, T> extract;
    volatile Cancellable expiry = Cancellable.NONE;

    Pending(EthMessageType answerType, PeerResponseListener<T> listener, Function<EthMessage.Response, T> extract) {
      this.answerType = answerType;
      this.listener = listener;
      this.extract = extract;
    }

    void deliver(PeerId peer, EthMessage.Response response) {
      listener.onResponse(new PeerResponse<>(peer, extract.apply(response)));
    }
  }
}
