package io.headersync.node.rpc;

import io.headersync.store.HeaderStore;
import java.util.Objects;

/**
 * Everything the RPC methods read.
 *
 * @param store the chain: canonical head, headers by number and hash, bodies, total difficulty
 * @param chainId the EIP-155 chain id ({@code eth_chainId})
 * @param networkId the devp2p network id ({@code net_version})
 * @param clientVersion what {@code web3_clientVersion} answers
 * @param sync sync progress
 * @param peers the peer set
 * @param heads head changes, for subscriptions
 * @param forkchoice the safe and finalized blocks
 */
public record RpcBackend(HeaderStore store, long chainId, long networkId, String clientVersion, SyncStatusSource sync,
    PeersSource peers, HeadEvents heads, ForkchoiceView forkchoice) {

  public RpcBackend {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(heads, "heads");
    Objects.requireNonNull(forkchoice, "forkchoice");
  }

  /**
   * A backend over {@code store} alone: synced at its head, no peers, no head events, no
   * forkchoice; replace parts with the {@code with…} methods.
   */
  public static RpcBackend of(HeaderStore store, long chainId, long networkId) {
    return new RpcBackend(store, chainId, networkId, ClientVersion.DEFAULT,
        () -> SyncProgress.synced(store.head().map(h -> h.number()).orElse(0L)),
        PeersSource.NONE, listener -> () -> {}, ForkchoiceView.NONE);
  }

  public RpcBackend withSync(SyncStatusSource value) {
    return new RpcBackend(store, chainId, networkId, clientVersion, value, peers, heads, forkchoice);
  }

  public RpcBackend withPeers(PeersSource value) {
    return new RpcBackend(store, chainId, networkId, clientVersion, sync, value, heads, forkchoice);
  }

  public RpcBackend withHeads(HeadEvents value) {
    return new RpcBackend(store, chainId, networkId, clientVersion, sync, peers, value, forkchoice);
  }

  public RpcBackend withForkchoice(ForkchoiceView value) {
    return new RpcBackend(store, chainId, networkId, clientVersion, sync, peers, heads, value);
  }

  public RpcBackend withClientVersion(String value) {
    return new RpcBackend(store, chainId, networkId, value, sync, peers, heads, forkchoice);
  }
}
