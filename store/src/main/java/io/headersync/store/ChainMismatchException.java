package io.headersync.store;

import io.headersync.core.bytes.Hash;

/**
 * The store was created for one chain and opened for another: syncing mainnet into a Sepolia
 * database would otherwise mix two chains' headers under one canonical index.
 */
public final class ChainMismatchException extends StoreException {

  private final Hash storedGenesis;
  private final Hash requestedGenesis;

  public ChainMismatchException(String location, Hash storedGenesis, Hash requestedGenesis) {
    super(Reason.CHAIN_MISMATCH, "the store at " + location + " belongs to the chain with genesis "
        + storedGenesis + " but was opened for the chain with genesis " + requestedGenesis);
    this.storedGenesis = storedGenesis;
    this.requestedGenesis = requestedGenesis;
  }

  /** The genesis hash recorded when the store was created. */
  public Hash storedGenesis() {
    return storedGenesis;
  }

  /** The genesis hash the caller asked for. */
  public Hash requestedGenesis() {
    return requestedGenesis;
  }
}
