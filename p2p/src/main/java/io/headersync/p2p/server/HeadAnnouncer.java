package io.headersync.p2p.server;

import io.headersync.core.block.BlockHeader;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessage.BlockRangeUpdate;
import io.headersync.p2p.eth.EthMessage.NewBlockHashes;
import io.headersync.p2p.eth.EthProtocol;
import io.headersync.p2p.eth.EthSession;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells connected peers of a new local head: eth/68 peers get NewBlockHashes (never for a block
 * they announced to us or were already told of), eth/69 peers get a BlockRangeUpdate once the head
 * has moved {@link ServerConfig#rangeUpdateInterval()} blocks past the last one they were sent.
 * Thread-safe.
 */
public final class HeadAnnouncer {

  private final EthProtocol protocol;
  private final HeaderStore store;
  private final ServerConfig config;
  private final Map<EthSession, Long> lastRangeSent = new ConcurrentHashMap<>();

  public HeadAnnouncer(EthProtocol protocol, HeaderStore store, ServerConfig config) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Announces {@code head} (the store's new canonical head) to every active session.
   *
   * @return how many peers were sent an announcement
   */
  public int announceNewHead(BlockHeader head) {
    List<EthSession> sessions = protocol.activeSessions();
    lastRangeSent.keySet().retainAll(sessions);
    long earliest = store.oldestCanonical().map(BlockRef::number).orElse(0L);
    int sent = 0;
    for (EthSession session : sessions) {
      if (session.knowsBlock(head.hash())) {
        continue;
      }
      if (session.version() == EthVersion.ETH68) {
        session.announce(new NewBlockHashes(List.of(new AnnouncedBlock(head.hash(), head.number()))));
        sent++;
      } else {
        Long last = lastRangeSent.get(session);
        if (last != null && head.number() < last + config.rangeUpdateInterval()) {
          continue;
        }
        session.announce(new BlockRangeUpdate(Math.min(earliest, head.number()), head.number(), head.hash()));
        lastRangeSent.put(session, head.number());
        sent++;
      }
    }
    return sent;
  }
}
