package io.headersync.p2p.crypto;

/**
 * Input a cryptographic operation had to refuse: a public key that is not a point of secp256k1,
 * an ECIES message too short or failing its authentication tag. Checked, so that every caller
 * decides what the failure means for its peer.
 */
public final class CryptoException extends Exception {

  public CryptoException(String message) {
    super(message);
  }
}
