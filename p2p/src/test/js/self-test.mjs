// Checks the scripts against each other (ethereumjs on both sides), so that when an interop test
// fails the fault is known to lie on the headersync side: serve-chain answers fetch-headers'
// requests (by number and hash, skip, reverse, past the head, unknown hash) with exactly the
// expected headers, both sides agree on Status, and one DPT finds another's seeded neighbours.
//
// Run with `npm test` in a folder where `npm ci` has been run. Exits 0 when every check passes.

import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Script } from './lib/driver.mjs'
import { keccakHex, uint } from './lib/harness.mjs'

const KEYS = {
  server: '0101010101010101010101010101010101010101010101010101010101010101',
  client: '0202020202020202020202020202020202020202020202020202020202020202',
  dptA: '0303030303030303030303030303030303030303030303030303030303030303',
  dptB: '0404040404040404040404040404040404040404040404040404040404040404',
}
const CHAIN_CONFIG = {
  chainId: 31337,
  homesteadBlock: 0,
  eip150Block: 0,
  eip155Block: 0,
  eip158Block: 0,
  byzantiumBlock: 0,
  constantinopleBlock: 0,
  petersburgBlock: 0,
  istanbulBlock: 0,
  berlinBlock: 0,
  londonBlock: 0,
  // A fork still to come, so the fork id has a non-zero "next".
  shanghaiTime: 4_000_000_000,
  terminalTotalDifficulty: 0,
}

function syntheticChain(length) {
  const headers = []
  let parent = new Uint8Array(32)
  for (let n = 0; n < length; n++) {
    const fields = [
      parent,
      new Uint8Array(32).fill(1),
      new Uint8Array(20).fill(2),
      new Uint8Array(32).fill(n % 251),
      new Uint8Array(32).fill(3),
      new Uint8Array(32).fill(4),
      new Uint8Array(256),
      uint(0),
      uint(n),
      uint(30_000_000),
      uint(n * 1000),
      uint(1_700_000_000 + 12 * n),
      new TextEncoder().encode(`block ${n}`),
      new Uint8Array(32).fill(5),
      new Uint8Array(8),
      uint(7),
    ]
    const bytes = RLP.encode(fields)
    const hash = keccakHex(bytes)
    headers.push({ number: n, hash, hex: bytesToHex(bytes) })
    parent = hexToBytes(hash)
  }
  return headers
}

function expected(chain, { origin, amount, skip, reverse }) {
  let start = typeof origin === 'number' ? origin : chain.findIndex((h) => h.hash === origin)
  const out = []
  if (start < 0) return out
  for (let i = 0; i < amount; i++) {
    const n = start + (reverse ? -1 : 1) * i * (skip + 1)
    if (n < 0 || n >= chain.length) break
    out.push(chain[n].hash)
  }
  return out
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`)
  console.log(`ok - ${message}`)
}

async function headersBothWays(dir) {
  const chain = syntheticChain(300)
  const file = join(dir, 'headers.txt')
  writeFileSync(file, chain.map((h) => h.hex).join('\n') + '\n')
  const head = chain[chain.length - 1]
  const server = new Script('serve-chain.mjs', {
    privateKey: KEYS.server,
    port: 0,
    headersFile: file,
    chainConfig: CHAIN_CONFIG,
    genesisHash: chain[0].hash,
    td: '12345',
    lifetimeMs: 30_000,
  })
  let client
  try {
    const ready = await server.waitFor((e) => e.event === 'ready')
    const requests = [
      { origin: 0, amount: 10, skip: 0, reverse: false },
      { origin: 299, amount: 20, skip: 3, reverse: true },
      { origin: chain[17].hash, amount: 8, skip: 1, reverse: false },
      { origin: chain[250].hash, amount: 5, skip: 9, reverse: true },
      { origin: 290, amount: 64, skip: 0, reverse: false },
      { origin: `0x${'ab'.repeat(32)}`, amount: 4, skip: 0, reverse: false },
    ]
    client = new Script('fetch-headers.mjs', {
      privateKey: KEYS.client,
      enode: ready.enode,
      chainConfig: CHAIN_CONFIG,
      genesisHash: chain[0].hash,
      head: { number: 0, hash: chain[0].hash, timestamp: 1_700_000_000, td: '0' },
      requests,
      lifetimeMs: 30_000,
    })
    const status = await client.waitFor((e) => e.event === 'status')
    check(status.version === 68, 'eth/68 agreed')
    check(status.bestHash === head.hash && status.td === '12345', 'Status names the served head and its TD')
    check(status.forkId.hash === ready.status.forkId.hash && status.forkId.next === '4000000000', 'fork id received as announced')
    const hello = await client.waitFor((e) => e.event === 'hello')
    check(hello.snappy && hello.protocolVersion === 5, 'devp2p v5 (snappy) agreed')
    await client.waitFor((e) => e.event === 'done', 20_000)
    requests.forEach((request, i) => {
      const got = client.events.find((e) => e.event === 'headers' && e.index === i)
      const want = expected(chain, request)
      check(JSON.stringify(got.hashes) === JSON.stringify(want), `request ${JSON.stringify(request)}: ${want.length} headers as expected`)
    })
    const served = server.events.filter((e) => e.event === 'served')
    check(served.length === requests.length, 'server logged every request')
  } finally {
    server.stop()
    client?.stop()
  }
}

async function discoveryBothWays() {
  const seeds = [
    `enode://${'1a'.repeat(64)}@127.0.0.2:30311`,
    `enode://${'2b'.repeat(64)}@127.0.0.3:30312`,
  ]
  const listener = new Script('discovery.mjs', { privateKey: KEYS.dptA, port: 0, mode: 'listen', seeds, lifetimeMs: 30_000 })
  let asker
  try {
    const ready = await listener.waitFor((e) => e.event === 'ready')
    asker = new Script('discovery.mjs', { privateKey: KEYS.dptB, port: 0, mode: 'query', target: ready.enode, lifetimeMs: 30_000 })
    const askerReady = await asker.waitFor((e) => e.event === 'ready')
    const pong = await asker.waitFor((e) => e.event === 'pong')
    check(pong.from === ready.id, 'pong signed by the pinged node')
    await asker.waitFor((e) => e.event === 'done')
    const neighbours = asker.events.find((e) => e.event === 'received' && e.type === 'neighbours')
    const ids = neighbours.peers.map((p) => p.id.slice(2))
    check(ids.includes('1a'.repeat(64)) && ids.includes('2b'.repeat(64)), 'neighbours hold both seeds')
    const ping = await listener.waitFor((e) => e.event === 'received' && e.type === 'ping')
    check(ping.from === askerReady.id, 'listener saw the asker ping')
    await listener.waitFor((e) => e.event === 'peer-added' && e.id === askerReady.id)
    check(true, 'listener added the asker to its table')
  } finally {
    listener.stop()
    asker?.stop()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'headersync-ethjs-'))
try {
  await headersBothWays(dir)
  await discoveryBothWays()
  console.log('all checks passed')
} catch (e) {
  console.error(e.message)
  process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
