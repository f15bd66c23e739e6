package io.headersync.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.json.HeaderJson;
import io.headersync.store.HeaderStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code headersync header}: one stored header as JSON. */
@Command(name = "header", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints one stored header as JSON, with the field names and hex quantities of eth_getBlockByNumber.")
final class HeaderCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory.")
  Path datadir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--number", paramLabel = "N", description = "The canonical header at this number.")
    Long number;

    @Option(names = "--hash", paramLabel = "HASH", description = "The stored header with this hash (0x + 64 hex digits).")
    String hash;
  }

  @Override
  public Integer call() {
    Hash hash = null;
    if (which.hash != null) {
      try {
        hash = Hash.fromHex(which.hash);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--hash: expected 0x and 64 hex digits, found '" + which.hash + "'");
      }
    }
    if (which.number != null && which.number < 0) {
      throw new ParameterException(spec.commandLine(), "--number: expected a block number >= 0, found " + which.number);
    }
    try (HeaderStore store = Stores.openExisting(spec, datadir)) {
      Optional<BlockHeader> header = hash != null ? store.header(hash) : store.canonicalHeader(which.number);
      if (header.isEmpty()) {
        spec.commandLine().getErr().println("header: no stored header " + (hash != null ? hash.toHex() : "at number " + which.number));
        return ExitCodes.INVALID;
      }
      BlockHeader h = header.get();
      var json = HeaderJson.of(h, store.totalDifficulty(h.number(), h.hash()).orElse(null));
      spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
