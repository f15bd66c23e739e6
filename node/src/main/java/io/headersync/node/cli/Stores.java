package io.headersync.node.cli;

import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.store.ChainMismatchException;
import io.headersync.store.HeaderStore;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Opens data directories for the commands. */
final class Stores {

  private Stores() {}

  /**
   * Opens (or creates) the store of {@code chain} in {@code datadir}. Another chain's directory is
   * refused before anything is read or written, naming both chains and what to do.
   */
  static HeaderStore open(Path datadir, ChainSpec chain, StoreOptions options) {
    try {
      return RocksDbHeaderStore.open(datadir, chain.genesisHash(), options.config());
    } catch (ChainMismatchException e) {
      throw new CommandFailure(ExitCodes.INVALID, "the data directory " + datadir + " holds another chain: "
          + describe(e.storedGenesis()) + ", not " + chain.name() + " (genesis " + chain.genesisHash().toHex()
          + "); give the --datadir of a " + chain.name() + " node, or a new directory", e);
    }
  }

  /** "mainnet (genesis 0x…)" for a known network, "the chain with genesis 0x…" otherwise. */
  private static String describe(Hash genesis) {
    for (String name : ChainSpecs.presetNames()) {
      if (ChainSpecs.preset(name).genesisHash().equals(genesis)) {
        return name + " (genesis " + genesis.toHex() + ")";
      }
    }
    return "the chain with genesis " + genesis.toHex();
  }

  /** Opens an existing data directory for reading, whatever chain it holds; a missing one is a usage error. */
  static HeaderStore openExisting(CommandSpec spec, Path datadir) {
    Optional<Hash> genesis = Files.isDirectory(datadir) ? RocksDbHeaderStore.storedGenesis(datadir) : Optional.empty();
    if (genesis.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no headersync data directory at " + datadir);
    }
    return RocksDbHeaderStore.open(datadir, genesis.get());
  }
}
