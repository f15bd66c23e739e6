// An ethereumjs RLPx node that speaks eth/68 only, and reports each session's milestones
// (Hello, Status, Disconnect) as events so the driver can check what was negotiated.

import { DisconnectReasonNames, ETH, RLPx } from '@ethereumjs/devp2p'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { addPrefix, bytesToNumber, emit, forkIdOf, uint } from './harness.mjs'

/**
 * Starts an RLPx node. `onStatus(peer, eth)` runs once both Status messages have been exchanged.
 *
 * @param privateKey 32 bytes
 * @param common the chain's Common (gives network id and fork id)
 * @param status { td: bigint, bestHash: hex, genesisHash: hex, headNumber: number }
 * @param listenPort TCP port, or null for a node that only dials
 */
export function startEthNode({ privateKey, common, status, listenPort, onStatus }) {
  const rlpx = new RLPx(privateKey, {
    dpt: null,
    maxPeers: 4,
    capabilities: [ETH.eth68],
    common,
    listenPort,
    clientId: new TextEncoder().encode('ethereumjs-devp2p/interop'),
  })
  rlpx.events.on('error', (e) => emit({ event: 'node-error', message: String(e?.message ?? e) }))
  rlpx.events.on('peer:error', (peer, e) =>
    emit({ event: 'peer-error', peer: idOf(peer), message: String(e?.message ?? e) }),
  )
  rlpx.events.on('peer:removed', (peer, reason, byUs) =>
    emit({ event: 'disconnect', peer: idOf(peer), reason: DisconnectReasonNames[reason] ?? String(reason), byUs: byUs === true }),
  )
  rlpx.events.on('peer:added', (peer) => {
    const hello = peer.getHelloMessage()
    emit({
      event: 'hello',
      peer: idOf(peer),
      clientId: hello.clientId,
      protocolVersion: hello.protocolVersion,
      // devp2p v5 and later compress every message after Hello with snappy.
      snappy: hello.protocolVersion >= 5,
      capabilities: hello.capabilities.map((c) => `${c.name}/${c.version}`),
    })
    const eth = peer.getProtocols().find((p) => p instanceof ETH)
    if (eth === undefined) {
      emit({ event: 'peer-error', peer: idOf(peer), message: 'no eth capability agreed' })
      return
    }
    eth.events.once('status', (remote) => {
      emit({
        event: 'status',
        peer: idOf(peer),
        version: eth.getVersion(),
        networkId: bytesToNumber(remote.chainId),
        td: bytesToBigIntSafe(remote.td),
        bestHash: remote.bestHash,
        genesisHash: remote.genesisHash,
        forkId: { hash: bytesToHex(remote.forkId[0]), next: bytesToBigIntSafe(remote.forkId[1]) },
      })
      onStatus(peer, eth)
    })
    eth.sendStatus({
      td: uint(status.td),
      bestHash: hexToBytes(addPrefix(status.bestHash)),
      genesisHash: hexToBytes(addPrefix(status.genesisHash)),
      latestBlock: uint(status.headNumber),
    })
  })
  return rlpx
}

/** The Status this node sends, for the driver to compare with ours. */
export function describeStatus(common, status) {
  return {
    version: 68,
    networkId: Number(common.chainId()),
    td: status.td,
    bestHash: status.bestHash,
    genesisHash: status.genesisHash,
    forkId: forkIdOf(common),
  }
}

export function idOf(peer) {
  const id = peer.getId()
  return id === null ? null : bytesToHex(id)
}

function bytesToBigIntSafe(bytes) {
  return bytes.length === 0 ? 0n : BigInt(bytesToHex(bytes))
}
