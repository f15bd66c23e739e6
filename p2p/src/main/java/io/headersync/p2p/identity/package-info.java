/**
 * Who a node is on the network: its secp256k1 key pair and the node id (the 64-byte public key)
 * that RLPx and discovery both name it by. Signing and recovery are {@code core}'s
 * {@link io.headersync.core.crypto.Secp256k1}; this package only adds identity and key files.
 *
 * <p>Must not know about sockets or protocols.
 */
package io.headersync.p2p.identity;
