package io.headersync.node.cli;

import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
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

  /** Opens (or creates) the store of {@code chain} in {@code datadir}; another chain's directory is refused. */
  static HeaderStore open(Path datadir, ChainSpec chain) {
    return RocksDbHeaderStore.open(datadir, chain.genesisHash());
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
