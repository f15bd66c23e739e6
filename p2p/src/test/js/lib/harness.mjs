// Plumbing shared by the interop scripts: configuration in, JSON lines out, and a process that
// never outlives the test that started it.
//
// Protocol with the driver (the Java test or self-test.mjs): the driver writes ONE line of JSON
// (the configuration) to stdin and keeps stdin open. The script prints one JSON object per line on
// stdout ("event" names what it is) and exits when stdin closes, when its lifetime runs out, or
// when its job is done. Diagnostics go to stderr, never to stdout.

import { createCommonFromGethGenesis } from '@ethereumjs/common'
import { bytesToHex, bytesToBigInt, hexToBytes } from '@ethereumjs/util'
import { keccak256 } from 'ethereum-cryptography/keccak.js'
import { createInterface } from 'node:readline'

/** Prints one event as a JSON line; bigints and byte arrays are written as strings. */
export function emit(event) {
  process.stdout.write(
    JSON.stringify(event, (_, v) => {
      if (typeof v === 'bigint') return v.toString()
      if (v instanceof Uint8Array) return bytesToHex(v)
      return v
    }) + '\n',
  )
}

/** Reports a failure as an event and exits with status 1. */
export function fail(message) {
  emit({ event: 'error', message: String(message) })
  process.exitCode = 1
  // Let stdout drain before leaving.
  setImmediate(() => process.exit(1))
}

/**
 * Reads the configuration (the first stdin line) and arranges for the process to end when stdin
 * closes or `lifetimeMs` (default 120 s) passes, so a crashed driver never leaves a node behind.
 */
export function readConfig() {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdin })
    let config = null
    lines.on('line', (line) => {
      if (config !== null || line.trim() === '') return
      try {
        config = JSON.parse(line)
      } catch (e) {
        reject(new Error(`configuration line is not JSON: ${e.message}`))
        return
      }
      const lifetime = config.lifetimeMs ?? 120_000
      setTimeout(() => fail(`lifetime of ${lifetime} ms ran out`), lifetime).unref()
      resolve(config)
    })
    lines.on('close', () => {
      if (config === null) reject(new Error('stdin closed before a configuration line'))
      else process.exit(process.exitCode ?? 0)
    })
  })
}

/** Runs `main(config)`, turning any exception into an error event. */
export function run(main) {
  process.on('uncaughtException', (e) => fail(e?.stack ?? e))
  process.on('unhandledRejection', (e) => fail(e?.stack ?? e))
  readConfig()
    .then(main)
    .catch((e) => fail(e?.stack ?? e))
}

export function requireField(config, name) {
  if (config[name] === undefined || config[name] === null) {
    throw new Error(`configuration field "${name}" is missing`)
  }
  return config[name]
}

/** `enode://<128 hex>@host:tcp[?discport=udp]` to the shape ethereumjs' RLPx and DPT take. */
export function parseEnode(enode) {
  const m = /^enode:\/\/([0-9a-fA-F]{128})@([^:]+):(\d+)(?:\?discport=(\d+))?$/.exec(enode)
  if (m === null) throw new Error(`not an enode URL: ${enode}`)
  const tcpPort = Number(m[3])
  return {
    id: hexToBytes(`0x${m[1]}`),
    address: m[2],
    tcpPort,
    udpPort: m[4] !== undefined ? Number(m[4]) : tcpPort,
  }
}

export function enodeOf(id, host, tcpPort, udpPort) {
  const base = `enode://${bytesToHex(id).slice(2)}@${host}:${tcpPort}`
  return udpPort === undefined || udpPort === tcpPort ? base : `${base}?discport=${udpPort}`
}

export function privateKeyOf(config) {
  const key = hexToBytes(addPrefix(requireField(config, 'privateKey')))
  if (key.length !== 32) throw new Error(`privateKey must be 32 bytes, got ${key.length}`)
  return key
}

export function addPrefix(hex) {
  return hex.startsWith('0x') ? hex : `0x${hex}`
}

export function keccakHex(bytes) {
  return bytesToHex(keccak256(bytes))
}

/**
 * An RLP integer: big-endian without leading zeros, zero as the empty string. (ethereumjs'
 * intToBytes(0) gives one zero byte, which strict decoders rightly refuse as non-canonical.)
 */
export function uint(value) {
  const n = BigInt(value)
  if (n === 0n) return new Uint8Array()
  const hex = n.toString(16)
  return hexToBytes(`0x${hex.length % 2 === 0 ? hex : `0${hex}`}`)
}

export function bytesToNumber(bytes) {
  return Number(bytesToBigInt(bytes))
}

/**
 * An ethereumjs Common for the chain under test, from a geth-style `config` object (chain id,
 * fork blocks and times), the genesis hash and the head (number and timestamp) that selects the
 * current fork. ethereumjs computes the fork id from these on its own, so agreeing on Status is
 * a real check of our EIP-2124 code.
 */
export function commonFor({ chainConfig, genesisHash, headNumber, headTimestamp }) {
  const genesis = {
    config: chainConfig,
    difficulty: '0x0',
    gasLimit: '0x1c9c380',
    nonce: '0x0000000000000000',
    extraData: '0x',
    timestamp: '0x0',
    alloc: {},
  }
  const common = createCommonFromGethGenesis(genesis, {
    chain: 'headersync-interop',
    genesisHash: hexToBytes(addPrefix(genesisHash)),
  })
  common.setHardforkBy({ blockNumber: BigInt(headNumber), timestamp: BigInt(headTimestamp) })
  return common
}

/** The fork id ethereumjs announces for `common`'s current fork. */
export function forkIdOf(common) {
  const hardfork = common.hardfork()
  return { hash: common.forkHash(hardfork), next: (common.nextHardforkBlockOrTimestamp(hardfork) ?? 0n).toString() }
}
