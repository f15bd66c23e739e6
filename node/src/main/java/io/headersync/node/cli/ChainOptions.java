package io.headersync.node.cli;

import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecException;
import io.headersync.core.chain.ChainSpecs;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Which chain a command works on: a preset name or a geth-style genesis file (one of the two). */
public final class ChainOptions {

  @Option(names = "--chain", paramLabel = "NAME",
      description = "A known network: mainnet, sepolia, holesky or hoodi.")
  String chain;

  @Option(names = "--genesis", paramLabel = "FILE",
      description = "A geth-style genesis.json describing any other chain.")
  Path genesis;

  /** The chain asked for; a bad name or file is a usage error with the reason. */
  ChainSpec resolve(CommandSpec command) {
    if ((chain == null) == (genesis == null)) {
      throw new ParameterException(command.commandLine(), "give exactly one of --chain NAME or --genesis FILE");
    }
    try {
      return chain != null ? ChainSpecs.preset(chain) : ChainSpecs.fromGenesisJson(genesis);
    } catch (IllegalArgumentException | ChainSpecException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /** True when neither flag was given. */
  boolean absent() {
    return chain == null && genesis == null;
  }
}
