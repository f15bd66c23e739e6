package io.headersync.node.wiring;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.time.TaskScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The best head connected peers claim, for a sync with no target of its own: the highest-numbered
 * head among peers. An eth/68 peer's Status names only its head's hash, so that peer is asked for
 * the header (by hash, one header) to learn the number; until it answers it has no say.
 *
 * <p>Unlike the tip tracker's median, one peer is enough here: {@code headersync sync --peers A}
 * is told which peers to use. The head is only a claim: the skeleton strategy that goes after it
 * builds upward from the local chain and checks every header.
 *
 * <p>Runs on the sync loop, like every {@link PeerSetListener}.
 */
final class PeerHeads implements PeerSetListener {

  private static final Logger LOG = LoggerFactory.getLogger(PeerHeads.class);

  /** How long a peer gets to answer for its own head before it is asked again. */
  static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);

  private record Head(Hash hash, long number) {}

  private final TaskScheduler loop;
  private final Consumer<SyncTarget> onBetter;
  private final Map<PeerId, PeerHandle> peers = new HashMap<>();
  private final Map<PeerId, Head> heads = new HashMap<>();
  private final Map<PeerId, Hash> resolving = new HashMap<>();
  private SyncTarget best;

  /** @param onBetter told of each head higher than the best so far */
  PeerHeads(TaskScheduler loop, Consumer<SyncTarget> onBetter) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.onBetter = Objects.requireNonNull(onBetter, "onBetter");
  }

  Optional<SyncTarget> best() {
    return Optional.ofNullable(best);
  }

  int peers() {
    return peers.size();
  }

  @Override
  public void peerConnected(PeerHandle peer) {
    peers.put(peer.id(), peer);
    consider(peer.id(), peer.chainState());
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    peers.remove(peer);
    heads.remove(peer);
    resolving.remove(peer);
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState state) {
    if (peers.containsKey(peer)) {
      consider(peer, state);
    }
  }

  private void consider(PeerId peer, PeerChainState state) {
    if (state.headNumber().isPresent()) {
      record(peer, new Head(state.headHash(), state.headNumber().getAsLong()));
    } else if (!state.headHash().equals(resolving.get(peer))) {
      resolve(peer, state.headHash());
    }
  }

  private void resolve(PeerId peerId, Hash hash) {
    PeerHandle peer = peers.get(peerId);
    if (peer == null) {
      return;
    }
    resolving.put(peerId, hash);
    boolean[] answered = {false};
    peer.requestHeaders(new HeadersRequest(BlockOrigin.hash(hash), 1, 0, false), new PeerResponseListener<>() {
      @Override
      public void onResponse(PeerResponse<List<BlockHeader>> response) {
        answered[0] = true;
        List<BlockHeader> headers = response.value();
        if (!hash.equals(resolving.get(peerId))) {
          return;
        }
        resolving.remove(peerId);
        if (headers.size() == 1 && headers.getFirst().hash().equals(hash)) {
          record(peerId, new Head(hash, headers.getFirst().number()));
        } else {
          LOG.info("peer {} did not give the header of the head it claims ({}): {} headers", peerId, hash, headers.size());
        }
      }

      @Override
      public void onError(PeerError error) {
        answered[0] = true;
        if (hash.equals(resolving.get(peerId))) {
          resolving.remove(peerId);
        }
      }
    });
    loop.schedule(RESOLVE_TIMEOUT, () -> {
      if (!answered[0] && hash.equals(resolving.get(peerId))) {
        resolving.remove(peerId);
        resolve(peerId, hash);
      }
    });
  }

  private void record(PeerId peer, Head head) {
    heads.put(peer, head);
    if (best == null || head.number() > best.number().getAsLong()) {
      best = SyncTarget.of(head.hash(), head.number());
      onBetter.accept(best);
    }
  }
}
