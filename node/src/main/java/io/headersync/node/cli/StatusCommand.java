package io.headersync.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.bytes.Hex;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headersync status}: what a data directory holds. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints the head, its total difficulty and the stage checkpoints of a data directory.")
final class StatusCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory.")
  Path datadir;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    try (HeaderStore store = Stores.openExisting(spec, datadir)) {
      Optional<BlockRef> head = store.head();
      BigInteger td = head.flatMap(h -> store.totalDifficulty(h.number(), h.hash())).orElse(null);
      SortedMap<String, Checkpoint> checkpoints = store.checkpoints();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("genesis", store.genesisHash().toHex());
        if (head.isPresent()) {
          ObjectNode h = o.putObject("head");
          h.put("number", head.get().number());
          h.put("hash", head.get().hash().toHex());
        } else {
          o.putNull("head");
        }
        o.put("totalDifficulty", td == null ? null : td.toString());
        ObjectNode cps = o.putObject("checkpoints");
        for (Map.Entry<String, Checkpoint> e : checkpoints.entrySet()) {
          cps.put(e.getKey(), e.getValue().number());
        }
        out.println(o);
      } else {
        out.println("genesis           " + store.genesisHash().toHex());
        out.println("head              " + head.map(h -> h.number() + " " + h.hash().toHex()).orElse("(empty)"));
        out.println("total difficulty  " + (td == null ? "(unknown)" : td + " (" + Hex.quantity(td) + ")"));
        for (Map.Entry<String, Checkpoint> e : checkpoints.entrySet()) {
          out.println("checkpoint        " + e.getKey() + " " + e.getValue().number());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
