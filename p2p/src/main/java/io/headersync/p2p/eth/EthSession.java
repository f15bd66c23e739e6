package io.headersync.p2p.eth;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessage.BlockRangeUpdate;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetPooledTransactions;
import io.headersync.p2p.eth.EthMessage.GetReceipts;
import io.headersync.p2p.eth.EthMessage.NewBlock;
import io.headersync.p2p.eth.EthMessage.NewBlockHashes;
import io.headersync.p2p.eth.EthProtocolException.Reason;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One eth session: sends our Status, waits for the peer's (dropping it on a time-out or a
 * mismatch), then decodes every message, applies the rate limits, answers requests from the
 * {@link RequestServer}, hands answers to the {@link EthPeer} and announcements to the
 * {@link PeerSetListener}.
 *
 * <p>Messages arrive on the session's thread, one at a time; events for sync go to the sync loop.
 * Requests are served on the session's thread: store reads are thread-safe, and a peer that asks
 * a lot then waits on itself rather than on the sync loop. Whatever the peer sends, nothing
 * throws out of {@link #onMessage}: a fault ends in a Disconnect with its reason.
 */
public final class EthSession implements ProtocolHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EthSession.class);

  private enum State { AWAITING_STATUS, ACTIVE, CLOSING, CLOSED }

  private final ProtocolChannel channel;
  private final EthVersion version;
  private final EthCodec codec;
  private final EthProtocol protocol;
  private final TokenBucket messageBucket;
  private final TokenBucket announcementBucket;
  private final KnownBlocks knownBlocks = new KnownBlocks();
  private final PeerId peerId;
  private final Cancellable statusTimer;
  private volatile State state = State.AWAITING_STATUS;
  private volatile EthPeer peer;
  private int unsolicited;

  EthSession(ProtocolChannel channel, EthVersion version, EthProtocol protocol) {
    this.channel = channel;
    this.version = version;
    this.protocol = protocol;
    EthConfig config = protocol.config();
    this.codec = new EthCodec(version, config.limits());
    this.peerId = channel.remoteId().toPeerId();
    TaskScheduler loop = protocol.loop();
    this.messageBucket = new TokenBucket(config.messageRate(), loop.timeSource());
    this.announcementBucket = new TokenBucket(config.announcementRate(), loop.timeSource());
    EthMessage status = protocol.handshake().localStatus(version);
    // The peer learns our head from the Status: no need to announce it again.
    knownBlocks.add(switch (status) {
      case EthMessage.Status68 s -> s.head();
      case EthMessage.Status69 s -> s.latestHash();
      default -> throw new IllegalStateException("not a Status: " + status.type());
    });
    send(status);
    this.statusTimer = loop.schedule(config.statusTimeout(), () -> {
      if (state == State.AWAITING_STATUS) {
        fail(new EthProtocolException(Reason.STATUS_TIMEOUT, "no Status within " + config.statusTimeout()));
      }
    });
  }

  public PeerId peerId() {
    return peerId;
  }

  public EthVersion version() {
    return version;
  }

  /** The peer, once its Status was accepted. */
  public Optional<EthPeer> peer() {
    return Optional.ofNullable(peer);
  }

  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** Whether the peer announced {@code hash}, or was told of it by us. */
  public boolean knowsBlock(Hash hash) {
    return knownBlocks.contains(hash);
  }

  /** Sends an announcement of ours and remembers the block as known to the peer. */
  public void announce(EthMessage announcement) {
    switch (announcement) {
      case NewBlockHashes m -> m.blocks().forEach(b -> knownBlocks.add(b.hash()));
      case BlockRangeUpdate m -> knownBlocks.add(m.latestHash());
      case NewBlock m -> knownBlocks.add(m.block().hash());
      default -> throw new IllegalArgumentException(announcement.type() + " is not an announcement");
    }
    send(announcement);
  }

  @Override
  public void onMessage(int code, byte[] payload) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    try {
      if (!messageBucket.tryTake(1)) {
        throw new EthProtocolException(Reason.FLOOD, "more than " + protocol.config().messageRate().burst()
            + " messages at " + protocol.config().messageRate().perSecond() + " a second");
      }
      EthMessage message = codec.decode(code, payload);
      if (state == State.AWAITING_STATUS) {
        acceptStatus(message);
      } else {
        dispatch(message);
      }
    } catch (EthProtocolException e) {
      fail(e);
    }
  }

  private void acceptStatus(EthMessage message) throws EthProtocolException {
    PeerChainState initial = protocol.handshake().validate(version, message);
    statusTimer.cancel();
    EthPeer created = new EthPeer(peerId, channel, codec, protocol.loop(), protocol.config(), protocol.roundTripProbe(),
        initial);
    peer = created;
    knownBlocks.add(initial.headHash());
    state = State.ACTIVE;
    protocol.register(this);
    LOG.debug("eth peer {} ({} {}, {}) ready: {}", peerId, channel.remoteClientId(), channel.remoteAddress(), version,
        initial);
    protocol.loop().execute(() -> protocol.listener().peerConnected(created));
  }

  private void dispatch(EthMessage message) throws EthProtocolException {
    switch (message) {
      case EthMessage.Status68 s -> unexpected(s);
      case EthMessage.Status69 s -> unexpected(s);
      case GetBlockHeaders m -> send(EthMessageType.BLOCK_HEADERS, m.requestId(), () -> protocol.server().headers(m));
      case GetBlockBodies m -> send(EthMessageType.BLOCK_BODIES, m.requestId(), () -> protocol.server().bodies(m));
      // No transaction pool and no receipts: an empty answer is the honest one.
      case GetPooledTransactions m -> send(EthMessageType.POOLED_TRANSACTIONS, m.requestId(), List::of);
      case GetReceipts m -> send(EthMessageType.RECEIPTS, m.requestId(), List::of);
      case EthMessage.Response r -> {
        if (!peer.onResponse(r)) {
          unsolicited(r.type() + " with unknown request id " + Long.toUnsignedString(r.requestId()));
        }
      }
      case EthMessage.PooledTransactions m -> unsolicited(m.type() + " (never requested)");
      case EthMessage.Receipts m -> unsolicited(m.type() + " (never requested)");
      case NewBlockHashes m -> onNewBlockHashes(m);
      case NewBlock m -> onNewBlock(m);
      case BlockRangeUpdate m -> onBlockRangeUpdate(m);
      // Gossip for a transaction pool this node does not have: decoded (so malformed ones are
      // caught) and counted against the message rate, then dropped.
      case EthMessage.Transactions m -> { }
      case EthMessage.NewPooledTransactionHashes m -> { }
    }
  }

  private void unexpected(EthMessage status) throws EthProtocolException {
    throw new EthProtocolException(Reason.UNEXPECTED_MESSAGE, status.type(), "a second Status");
  }

  private void unsolicited(String what) throws EthProtocolException {
    unsolicited++;
    int allowance = protocol.config().unsolicitedAllowance();
    report(Offence.WRONG_DATA, "unsolicited " + what);
    if (unsolicited > allowance) {
      throw new EthProtocolException(Reason.UNSOLICITED_RESPONSES,
          unsolicited + " unsolicited responses (at most " + allowance + " tolerated), the last " + what);
    }
  }

  private void takeAnnouncements(int count, EthMessageType type) throws EthProtocolException {
    if (!announcementBucket.tryTake(count)) {
      EthConfig.RateLimit limit = protocol.config().announcementRate();
      throw new EthProtocolException(Reason.FLOOD, type, "more than " + limit.burst() + " announced blocks at "
          + limit.perSecond() + " a second");
    }
  }

  private void onNewBlockHashes(NewBlockHashes m) throws EthProtocolException {
    if (m.blocks().isEmpty()) {
      return;
    }
    takeAnnouncements(m.blocks().size(), m.type());
    AnnouncedBlock highest = m.blocks().getFirst();
    for (AnnouncedBlock b : m.blocks()) {
      knownBlocks.add(b.hash());
      if (b.number() > highest.number()) {
        highest = b;
      }
    }
    // The announcement tells no total difficulty, so the one from Status no longer describes the head.
    PeerChainState state = new PeerChainState(highest.hash(), OptionalLong.of(highest.number()), Optional.empty(),
        Optional.empty());
    boolean advances = advances(highest.number());
    List<AnnouncedBlock> blocks = m.blocks();
    EthPeer p = peer;
    if (advances) {
      p.chainState(state);
    }
    protocol.loop().execute(() -> {
      for (AnnouncedBlock b : blocks) {
        protocol.listener().blockAnnounced(peerId, new BlockAnnouncement(b.hash(), b.number(), Optional.empty()));
      }
      if (advances) {
        protocol.listener().peerChainStateChanged(peerId, state);
      }
    });
  }

  private void onNewBlock(NewBlock m) throws EthProtocolException {
    takeAnnouncements(1, m.type());
    Hash hash = m.block().hash();
    long number = m.block().number();
    knownBlocks.add(hash);
    boolean advances = advances(number);
    PeerChainState state = PeerChainState.eth68(hash, number, m.totalDifficulty());
    if (advances) {
      peer.chainState(state);
    }
    protocol.loop().execute(() -> {
      protocol.listener().blockAnnounced(peerId,
          new BlockAnnouncement(hash, number, Optional.of(m.totalDifficulty())));
      if (advances) {
        protocol.listener().peerChainStateChanged(peerId, state);
      }
    });
  }

  private void onBlockRangeUpdate(BlockRangeUpdate m) throws EthProtocolException {
    takeAnnouncements(1, m.type());
    knownBlocks.add(m.latestHash());
    PeerChainState state = PeerChainState.eth69(new BlockRange(m.earliest(), m.latest()), m.latestHash());
    peer.chainState(state);
    protocol.loop().execute(() -> protocol.listener().peerChainStateChanged(peerId, state));
  }

  /** Whether an announced block is above the head the peer claimed so far (or its number was unknown). */
  private boolean advances(long number) {
    OptionalLong known = peer.chainState().headNumber();
    return known.isEmpty() || number > known.getAsLong();
  }

  private void send(EthMessageType responseType, long requestId, java.util.function.Supplier<List<byte[]>> answer) {
    List<byte[]> items;
    try {
      items = answer.get();
    } catch (RuntimeException e) {
      // The store failed, not the peer: answer with nothing rather than leave it waiting.
      LOG.warn("serving {} to {} failed: {}", responseType, peerId, e.toString());
      items = List.of();
    }
    channel.send(responseType.code(), EthCodec.encodeResponse(requestId, items));
  }

  private void send(EthMessage message) {
    channel.send(message.type().code(), codec.encode(message));
  }

  private void report(Offence offence, String detail) {
    if (state == State.ACTIVE) {
      protocol.loop().execute(() -> protocol.reporter().reportPeer(peerId, offence, detail));
    }
  }

  /** Drops the peer for {@code e}: one log line saying who and why, a report, then the Disconnect. */
  private void fail(EthProtocolException e) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    DisconnectReason reason = e.disconnectReason();
    LOG.info("dropping eth peer {} ({} {}, {}): {} -> {}", peerId, channel.remoteClientId(), channel.remoteAddress(),
        version, e.getMessage(), reason);
    if (reason == DisconnectReason.BREACH_OF_PROTOCOL) {
      report(Offence.BAD_MESSAGE, e.getMessage());
    }
    state = State.CLOSING;
    statusTimer.cancel();
    channel.disconnect(reason);
  }

  @Override
  public void onClosed(DisconnectReason reason, boolean byRemote) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasConnected = peer != null && (state == State.ACTIVE || state == State.CLOSING);
    state = State.CLOSED;
    statusTimer.cancel();
    protocol.unregister(this);
    EthPeer p = peer;
    if (p != null) {
      p.closed(reason);
    }
    if (wasConnected && p != null) {
      protocol.loop().execute(() -> protocol.listener().peerDisconnected(peerId, reason));
    }
    LOG.debug("eth session with {} closed ({}, {})", peerId, reason, byRemote ? "by the peer" : "by us");
  }
}
