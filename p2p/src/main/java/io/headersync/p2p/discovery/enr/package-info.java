/**
 * Ethereum Node Records (EIP-778) with the "v4" identity scheme: decoding with every check the
 * spec asks for (300-byte cap, sorted unique keys, signature by the record's own secp256k1 key),
 * signing our own record, the text form ({@code enr:} and URL-safe base64), and the standard
 * entries ({@code id}, {@code secp256k1}, {@code ip}, {@code tcp}, {@code udp}, {@code ip6},
 * {@code tcp6}, {@code udp6}) plus the {@code eth} entry carrying an EIP-2124 fork id.
 *
 * <p>The v4 scheme's curve work (point compression, ECDSA verification without a recovery id) uses
 * Bouncy Castle directly because {@code core}'s {@code Secp256k1} offers only signing and recovery.
 *
 * <p>Must not know about packets, sockets or the routing table.
 */
package io.headersync.p2p.discovery.enr;
