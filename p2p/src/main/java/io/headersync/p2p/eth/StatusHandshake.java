package io.headersync.p2p.eth;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ForkId;
import io.headersync.core.chain.ForkIdFilter;
import io.headersync.p2p.eth.EthMessage.Status68;
import io.headersync.p2p.eth.EthMessage.Status69;
import io.headersync.p2p.eth.EthProtocolException.Reason;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.PeerChainState;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Both halves of the eth Status exchange: the Status we send, made from the chain spec and the
 * store's head at the moment it is sent, and the judgement of the peer's Status (version, network
 * id, genesis, fork id by EIP-2124), which yields the peer's first chain state.
 *
 * <p>Thread-safe: it only reads the store.
 */
public final class StatusHandshake {

  /** The local chain's position that a Status speaks of. */
  public record LocalHead(long number, Hash hash, long timestamp, BigInteger totalDifficulty, long earliest) {}

  private final ChainSpec spec;
  private final HeaderStore store;
  private final ForkIdFilter forkFilter;

  public StatusHandshake(ChainSpec spec, HeaderStore store) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.store = Objects.requireNonNull(store, "store");
    this.forkFilter = new ForkIdFilter(spec);
  }

  /** The store's canonical head, or the genesis when nothing is canonical yet. */
  public LocalHead localHead() {
    BlockHeader genesis = spec.genesis();
    BlockRef head = store.head().orElse(null);
    if (head == null) {
      return new LocalHead(0, spec.genesisHash(), genesis.timestamp(), genesis.difficulty(), 0);
    }
    BlockHeader header = store.canonicalHeader(head.number()).orElse(genesis);
    BigInteger td = store.totalDifficulty(head.number(), head.hash()).orElse(header.difficulty());
    long earliest = store.oldestCanonical().map(BlockRef::number).orElse(head.number());
    return new LocalHead(head.number(), head.hash(), header.timestamp(), td, earliest);
  }

  /**
   * Our Status for {@code version}. For eth/69 the range is that of the canonical headers held:
   * headers are what this node serves throughout it; bodies only where they were fetched, which
   * the protocol has no way to say.
   */
  public EthMessage localStatus(EthVersion version) {
    LocalHead head = localHead();
    ForkId forkId = forkFilter.local(head.number(), head.timestamp());
    return switch (version) {
      case ETH68 -> new Status68(version.number(), spec.networkId(), head.totalDifficulty(), head.hash(),
          spec.genesisHash(), forkId);
      case ETH69 -> new Status69(version.number(), spec.networkId(), spec.genesisHash(), forkId, head.earliest(),
          head.number(), head.hash());
    };
  }

  /**
   * Judges the peer's Status against the local chain.
   *
   * @return the peer's chain state as the Status tells it
   * @throws EthProtocolException when the message is not a Status or shows another chain
   */
  public PeerChainState validate(EthVersion version, EthMessage remote) throws EthProtocolException {
    return switch (remote) {
      case Status68 s when version == EthVersion.ETH68 -> {
        check(version, s.version(), s.networkId(), s.genesis(), s.forkId());
        yield PeerChainState.eth68(s.head(), s.totalDifficulty());
      }
      case Status69 s when version == EthVersion.ETH69 -> {
        check(version, s.version(), s.networkId(), s.genesis(), s.forkId());
        yield PeerChainState.eth69(new BlockRange(s.earliest(), s.latest()), s.latestHash());
      }
      default -> throw new EthProtocolException(Reason.UNEXPECTED_MESSAGE, remote.type(),
          "expected the peer's " + version + " Status first, found " + remote.type());
    };
  }

  private void check(EthVersion version, int remoteVersion, long networkId, Hash genesis, ForkId forkId)
      throws EthProtocolException {
    if (remoteVersion != version.number()) {
      throw new EthProtocolException(Reason.VERSION_MISMATCH, EthMessageType.STATUS,
          "Status says version " + remoteVersion + " on a session agreed as " + version);
    }
    if (networkId != spec.networkId()) {
      throw new EthProtocolException(Reason.NETWORK_MISMATCH, EthMessageType.STATUS, "network id "
          + Long.toUnsignedString(networkId) + ", expected " + Long.toUnsignedString(spec.networkId())
          + " (" + spec.name() + ")");
    }
    if (!genesis.equals(spec.genesisHash())) {
      throw new EthProtocolException(Reason.GENESIS_MISMATCH, EthMessageType.STATUS,
          "genesis " + genesis + ", expected " + spec.genesisHash() + " (" + spec.name() + ")");
    }
    LocalHead head = localHead();
    ForkIdFilter.Verdict verdict = forkFilter.validate(forkId, head.number(), head.timestamp());
    if (!verdict.accepted()) {
      throw new EthProtocolException(Reason.FORK_ID_REJECTED, EthMessageType.STATUS,
          verdict.outcome() + ": " + verdict.detail() + " (local head #" + head.number() + ")");
    }
  }
}
