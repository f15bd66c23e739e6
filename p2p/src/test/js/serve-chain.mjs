// An ethereumjs node that serves a chain over eth/68 (devp2p v5, so snappy on).
//
// Configuration (one JSON line on stdin):
//   privateKey    64 hex digits: the node key (fixed, so the enode is known in advance)
//   port          TCP port to listen on (0 or absent: a free port; the enode printed says which)
//   host          address to listen on and put in the enode (default 127.0.0.1)
//   headersFile   one header RLP in hex a line
//   bodiesFile    optional: one body RLP in hex a line, line i belonging to header line i
//   chainConfig   geth-style genesis "config" (chainId = the network id, fork blocks and times)
//   genesisHash   the chain's genesis hash
//   td            total difficulty at the head, decimal
//   lifetimeMs    optional cap on the process's life
//
// Events: ready {enode, id, status}, hello, status, served {kind, ...}, disconnect, peer-error.

import { EthMessageCodes } from '@ethereumjs/devp2p'
import { bytesToHex } from '@ethereumjs/util'
import { createServer } from 'node:net'
import { Chain } from './lib/chain.mjs'
import { commonFor, emit, enodeOf, privateKeyOf, requireField, run, bytesToNumber } from './lib/harness.mjs'
import { describeStatus, idOf, startEthNode } from './lib/eth-node.mjs'

run(async (config) => {
  const privateKey = privateKeyOf(config)
  const host = config.host ?? '127.0.0.1'
  const chain = Chain.load(requireField(config, 'headersFile'), config.bodiesFile)
  const head = chain.head()
  const genesisHash = requireField(config, 'genesisHash')
  const genesis = chain.byNumber.get(0)
  if (genesis !== undefined && genesis.hash !== genesisHash.toLowerCase()) {
    throw new Error(`genesisHash ${genesisHash} differs from the hash of header 0 in the file, ${genesis.hash}`)
  }
  const common = commonFor({
    chainConfig: requireField(config, 'chainConfig'),
    genesisHash,
    headNumber: head.number,
    headTimestamp: head.timestamp,
  })
  const status = { td: BigInt(requireField(config, 'td')), bestHash: head.hash, genesisHash, headNumber: head.number }
  // ethereumjs puts the port given here into its Hello, and encodes 0 as one zero byte (not the
  // canonical empty string), which strict decoders refuse; so the real port is chosen first.
  const port = config.port ? config.port : await freePort(host)

  const rlpx = startEthNode({
    privateKey,
    common,
    status,
    listenPort: port,
    onStatus: (peer, eth) => {
      eth.events.on('message', (code, payload) => {
        if (code === EthMessageCodes.GET_BLOCK_HEADERS) {
          const [requestId, [origin, amountBytes, skipBytes, reverseBytes]] = payload
          const amount = bytesToNumber(amountBytes)
          const skip = bytesToNumber(skipBytes)
          const reverse = bytesToNumber(reverseBytes) === 1
          const headers = chain.headers(origin, amount, skip, reverse)
          eth.sendMessage(EthMessageCodes.BLOCK_HEADERS, [requestId, headers])
          emit({
            event: 'served',
            kind: 'headers',
            peer: idOf(peer),
            origin: origin.length === 32 ? bytesToHex(origin) : bytesToNumber(origin),
            amount,
            skip,
            reverse,
            count: headers.length,
          })
        } else if (code === EthMessageCodes.GET_BLOCK_BODIES) {
          const [requestId, hashes] = payload
          const bodies = chain.bodiesFor(hashes)
          eth.sendMessage(EthMessageCodes.BLOCK_BODIES, [requestId, bodies])
          emit({ event: 'served', kind: 'bodies', peer: idOf(peer), asked: hashes.length, count: bodies.length })
        } else {
          emit({ event: 'message', peer: idOf(peer), code })
        }
      })
    },
  })
  rlpx.events.once('listening', () => {
    emit({
      event: 'ready',
      id: bytesToHex(rlpx.id),
      enode: enodeOf(rlpx.id, host, port),
      headers: chain.byNumber.size,
      status: describeStatus(common, status),
    })
  })
  rlpx.listen(port, host)
})

async function freePort(host) {
  const server = createServer()
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, host, resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}
