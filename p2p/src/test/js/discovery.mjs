// An ethereumjs discv4 node (DPT) on a UDP port with a fixed key.
//
// Configuration (one JSON line on stdin):
//   privateKey   64 hex digits
//   port         UDP port (0: any free port; the ready event says which)
//   host         address to bind and announce (default 127.0.0.1)
//   mode         "query": ping `target`, then ask it for neighbours of `lookup` (default: our own
//                id) and print them; "listen": wait to be pinged / queried and print what came in
//   target       (query) the node to ask, as an enode URL (discport = its UDP port)
//   lookup       (query) optional: the 64-byte id (hex) to ask neighbours of
//   seeds        (listen) enode URLs put straight into the routing table, so a findnode sent to
//                this node has something to answer with
//   waitMs       (query) how long to wait for the neighbours (default 5000)
//   lifetimeMs   optional cap on the process's life
//
// Events: ready {id, enode, port}; received {type, from, ...} for every packet that arrives
// (decoded independently of the DPT's own handling); pong {from}; peer-added {id, address,
// udpPort, tcpPort} when the DPT puts a node into its table; done (query) when the neighbours
// came, then the process exits 0.

import { DPT, decode } from '@ethereumjs/devp2p'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { addPrefix, emit, enodeOf, fail, parseEnode, privateKeyOf, requireField, run } from './lib/harness.mjs'

run(async (config) => {
  const privateKey = privateKeyOf(config)
  const host = config.host ?? '127.0.0.1'
  const mode = requireField(config, 'mode')
  if (mode !== 'query' && mode !== 'listen') throw new Error(`mode must be "query" or "listen", got "${mode}"`)

  const dpt = new DPT(privateKey, {
    endpoint: { address: host, udpPort: config.port ?? 0, tcpPort: null },
    // Refreshes would send findnode for random ids to every known node; the test wants only the
    // packets it asked for.
    refreshInterval: 3_600_000,
    shouldFindNeighbours: mode === 'listen',
    timeout: 2000,
  })
  dpt.events.on('error', (e) => emit({ event: 'dpt-error', message: String(e?.message ?? e) }))
  dpt.events.on('peer:added', (peer) =>
    emit({ event: 'peer-added', id: bytesToHex(peer.id), address: peer.address, udpPort: peer.udpPort, tcpPort: peer.tcpPort }),
  )

  let neighboursSeen = null
  dpt.events.once('listening', () => {
    const socket = dpt._server._socket
    const port = socket.address().port
    // The DPT's own endpoint must name the real port, or our pings would say "udp 0".
    dpt._server._endpoint.udpPort = port
    socket.on('message', (msg, rinfo) => {
      let info
      try {
        info = decode(msg)
      } catch (e) {
        emit({ event: 'undecodable', from: `${rinfo.address}:${rinfo.port}`, message: String(e?.message ?? e) })
        return
      }
      const event = { event: 'received', type: info.typename, from: bytesToHex(publicKeyToId(info.publicKey)), address: `${rinfo.address}:${rinfo.port}` }
      if (info.typename === 'neighbours') {
        event.peers = info.data.peers.map((p) => ({ id: bytesToHex(p.id), ...p.endpoint }))
        neighboursSeen?.(event.peers)
      } else if (info.typename === 'findneighbours') {
        event.target = bytesToHex(info.data.id)
      } else if (info.typename === 'ping') {
        event.fromEndpoint = info.data.from
      }
      emit(event)
    })
    emit({ event: 'ready', id: bytesToHex(dpt.id), enode: enodeOf(dpt.id, host, 0, port), port })
    if (mode === 'listen') {
      for (const seed of config.seeds ?? []) dpt._kbucket.add(parseEnode(seed))
    } else {
      query(dpt, config, (resolve) => (neighboursSeen = resolve)).catch((e) => fail(e?.message ?? e))
    }
  })
  dpt.bind(config.port ?? 0, host)
})

async function query(dpt, config, onNeighbours) {
  const target = parseEnode(requireField(config, 'target'))
  const waitMs = config.waitMs ?? 5000
  const peer = await dpt._server.ping({ address: target.address, udpPort: target.udpPort, tcpPort: target.tcpPort })
  emit({ event: 'pong', from: bytesToHex(peer.id) })
  if (bytesToHex(peer.id) !== bytesToHex(target.id)) {
    throw new Error(`pong signed by ${bytesToHex(peer.id)}, expected ${bytesToHex(target.id)}`)
  }
  const lookup = config.lookup !== undefined ? hexToBytes(addPrefix(config.lookup)) : dpt.id
  // The target answers findnode only once it has checked our endpoint (its own ping, our pong);
  // ask again a few times while that is under way.
  const peers = await new Promise((resolve, reject) => {
    const ask = () => dpt._server.findneighbours(target, lookup)
    ask()
    const retry = setInterval(ask, 500)
    setTimeout(() => {
      clearInterval(retry)
      reject(new Error(`no neighbours from ${config.target} in ${waitMs} ms`))
    }, waitMs)
    onNeighbours((p) => {
      clearInterval(retry)
      resolve(p)
    })
  })
  emit({ event: 'done', neighbours: peers.length })
  setTimeout(() => process.exit(0), 100)
}

function publicKeyToId(publicKey) {
  // decode gives the 65-byte uncompressed key; a node id is the key without its 0x04 prefix.
  return publicKey.length === 65 ? publicKey.subarray(1) : publicKey
}
