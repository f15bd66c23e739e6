// An ethereumjs node that dials a peer, exchanges Hello and Status (eth/68), asks it the given
// GetBlockHeaders requests one after another and prints what came back.
//
// Configuration (one JSON line on stdin):
//   privateKey    64 hex digits: this node's key
//   enode         the peer to dial
//   chainConfig   geth-style genesis "config" (chainId = the network id, fork blocks and times)
//   genesisHash   the chain's genesis hash
//   head          { number, hash, timestamp, td }: what this node's Status claims
//   requests      [{ origin: number | "0x<hash>", amount, skip, reverse }]
//   timeoutMs     per answer (default 10000)
//   lifetimeMs    optional cap on the process's life
//
// Events: hello, status, headers {index, requestId, count, numbers, hashes} per request (hashes
// are keccak-256 of each header's RLP as received), done, then the process exits 0.

import { EthMessageCodes } from '@ethereumjs/devp2p'
import { RLP } from '@ethereumjs/rlp'
import { hexToBytes } from '@ethereumjs/util'
import {
  addPrefix,
  bytesToNumber,
  commonFor,
  emit,
  fail,
  keccakHex,
  parseEnode,
  privateKeyOf,
  requireField,
  run,
  uint,
} from './lib/harness.mjs'
import { startEthNode } from './lib/eth-node.mjs'

run(async (config) => {
  const privateKey = privateKeyOf(config)
  const remote = parseEnode(requireField(config, 'enode'))
  const head = requireField(config, 'head')
  const requests = requireField(config, 'requests')
  const timeoutMs = config.timeoutMs ?? 10_000
  const genesisHash = requireField(config, 'genesisHash')
  const common = commonFor({
    chainConfig: requireField(config, 'chainConfig'),
    genesisHash,
    headNumber: head.number,
    headTimestamp: head.timestamp,
  })
  const status = { td: BigInt(head.td), bestHash: head.hash, genesisHash, headNumber: head.number }

  let finished = false
  const rlpx = startEthNode({
    privateKey,
    common,
    status,
    listenPort: null,
    onStatus: (peer, eth) => {
      ask(eth, requests, timeoutMs)
        .then(() => {
          finished = true
          emit({ event: 'done' })
          peer.disconnect()
          setTimeout(() => process.exit(0), 200)
        })
        .catch((e) => fail(e?.message ?? e))
    },
  })
  rlpx.events.on('peer:removed', () => {
    if (!finished) fail('the peer disconnected before every request was answered')
  })
  await rlpx.connect({ id: remote.id, address: remote.address, tcpPort: remote.tcpPort })
})

async function ask(eth, requests, timeoutMs) {
  const pending = new Map() // request id -> resolve
  eth.events.on('message', (code, payload) => {
    if (code !== EthMessageCodes.BLOCK_HEADERS) {
      emit({ event: 'message', code })
      return
    }
    const [idBytes, headers] = payload
    const resolve = pending.get(bytesToNumber(idBytes))
    if (resolve === undefined) {
      emit({ event: 'unexpected', requestId: bytesToNumber(idBytes) })
      return
    }
    resolve(headers)
  })
  for (let index = 0; index < requests.length; index++) {
    const request = requests[index]
    const requestId = 1000 + index
    const origin =
      typeof request.origin === 'string' ? hexToBytes(addPrefix(request.origin)) : uint(request.origin)
    const answer = new Promise((resolve, reject) => {
      pending.set(requestId, resolve)
      setTimeout(() => reject(new Error(`request ${index} (${JSON.stringify(request)}) not answered in ${timeoutMs} ms`)), timeoutMs)
    })
    eth.sendMessage(EthMessageCodes.GET_BLOCK_HEADERS, [
      uint(requestId),
      [origin, uint(request.amount), uint(request.skip ?? 0), uint(request.reverse ? 1 : 0)],
    ])
    const headers = await answer
    pending.delete(requestId)
    emit({
      event: 'headers',
      index,
      requestId,
      count: headers.length,
      numbers: headers.map((h) => bytesToNumber(h[8])),
      // Re-encoding a decoded header gives back the bytes received (RLP is canonical), so this is
      // the hash of what the peer sent.
      hashes: headers.map((h) => keccakHex(RLP.encode(h))),
    })
  }
}
