/**
 * The asymmetric cryptography of the RLPx handshake: secp256k1 Diffie-Hellman ({@link
 * io.headersync.p2p.crypto.Ecdh}) and ECIES as devp2p defines it ({@link
 * io.headersync.p2p.crypto.Ecies}).
 *
 * <p>Every primitive (curve arithmetic, AES, SHA-256, HMAC, the concatenation KDF) is Bouncy
 * Castle's; only the way RLPx strings them together is written here, because no library offers
 * that exact composition (the JDK's providers have no secp256k1, and Bouncy Castle's IES engines
 * frame the message differently from RLPx). Signatures are core's
 * {@link io.headersync.core.crypto.Secp256k1}.
 *
 * <p>Must not know about sockets, frames or messages.
 */
package io.headersync.p2p.crypto;
