// A chain held in memory for serving: header RLP by number and by hash, bodies by hash.
//
// Headers are kept decoded (RLP.decode gives nested byte arrays) because ethereumjs' ETH protocol
// RLP-encodes whole messages: a decoded header re-encodes to the same bytes only when the input
// was canonical RLP, so a non-canonical header from our side would show up as a hash mismatch.

import { RLP } from '@ethereumjs/rlp'
import { hexToBytes } from '@ethereumjs/util'
import { readFileSync } from 'node:fs'
import { addPrefix, bytesToNumber, keccakHex } from './harness.mjs'

/** Most headers one answer carries, as geth and ethereumjs' client serve. */
export const MAX_HEADERS_SERVED = 1024

export class Chain {
  constructor() {
    this.byNumber = new Map() // number -> { number, hash, timestamp, decoded }
    this.byHash = new Map() // 0x-hash -> entry
    this.bodies = new Map() // 0x-hash -> decoded body
  }

  /** Reads `headersFile` (one header RLP in hex a line) and optionally `bodiesFile` (same lines). */
  static load(headersFile, bodiesFile) {
    const chain = new Chain()
    const headerLines = nonEmptyLines(headersFile)
    headerLines.forEach((line, i) => {
      let bytes, decoded
      try {
        bytes = hexToBytes(addPrefix(line))
        decoded = RLP.decode(bytes)
      } catch (e) {
        throw new Error(`${headersFile} line ${i + 1}: not a header RLP: ${e.message}`)
      }
      if (!Array.isArray(decoded) || decoded.length < 15) {
        throw new Error(`${headersFile} line ${i + 1}: a header is a list of at least 15 fields`)
      }
      const entry = {
        number: bytesToNumber(decoded[8]),
        timestamp: bytesToNumber(decoded[11]),
        hash: keccakHex(bytes),
        decoded,
      }
      chain.byNumber.set(entry.number, entry)
      chain.byHash.set(entry.hash, entry)
    })
    if (bodiesFile) {
      const bodyLines = nonEmptyLines(bodiesFile)
      if (bodyLines.length !== headerLines.length) {
        throw new Error(`${bodiesFile}: ${bodyLines.length} bodies for ${headerLines.length} headers`)
      }
      const entries = [...chain.byNumber.values()]
      bodyLines.forEach((line, i) => chain.bodies.set(entries[i].hash, RLP.decode(hexToBytes(addPrefix(line)))))
    }
    if (chain.byNumber.size === 0) throw new Error(`${headersFile}: no headers`)
    return chain
  }

  head() {
    return this.byNumber.get(Math.max(...this.byNumber.keys()))
  }

  /**
   * The headers a GetBlockHeaders asks for (eth/66+ request body: origin as hash or number,
   * amount, skip, reverse), stopping at the first one this chain lacks.
   */
  headers(origin, amount, skip, reverse) {
    const start = origin.length === 32 ? this.byHash.get(hashKey(origin))?.number : bytesToNumber(origin)
    const out = []
    if (start === undefined) return out
    const step = (skip + 1) * (reverse ? -1 : 1)
    for (let i = 0, n = start; i < Math.min(amount, MAX_HEADERS_SERVED) && n >= 0; i++, n += step) {
      const entry = this.byNumber.get(n)
      if (entry === undefined) break
      out.push(entry.decoded)
    }
    return out
  }

  /** Bodies for the given hashes, skipping the unknown ones, as eth's BlockBodies does. */
  bodiesFor(hashes) {
    return hashes.map((h) => this.bodies.get(hashKey(h))).filter((b) => b !== undefined)
  }
}

function hashKey(hashBytes) {
  return `0x${Buffer.from(hashBytes).toString('hex')}`
}

function nonEmptyLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}
