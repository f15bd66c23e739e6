package io.headersync.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.node.importer.FileVerifier;
import io.headersync.node.importer.ImportConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headersync verify}: the import's checks, with no store. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Verifies block files with the checks of an import, without a store. The files are one input in order: "
            + "a file's first block is checked against the previous file's last when it follows it, otherwise alone.",
        "Prints one JSON object per file (file, first, last, count, lastHash, errors); exits 1 when anything fails."})
final class VerifyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ChainOptions chain;

  @Mixin
  VerificationOptions verification;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to verify, in order.")
  List<Path> files;

  @Override
  public Integer call() {
    ChainSpec chainSpec = chain.resolve(spec);
    Files.requireReadable(spec, files);
    ImportConfig config = verification.config();
    HistoricalAccumulator accumulator = verification.loadAccumulator();
    List<FileVerifier.FileReport> reports;
    try (Components.Verification v = Components.verification(chainSpec, verification.seal, config)) {
      reports = new FileVerifier(v.chunks(), accumulator, config).verify(files);
    }
    ObjectMapper mapper = new ObjectMapper();
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = true;
    for (FileVerifier.FileReport r : reports) {
      ObjectNode o = mapper.createObjectNode();
      o.put("file", r.file().toString());
      o.put("first", r.first());
      o.put("last", r.last());
      o.put("count", r.count());
      if (r.lastHash() == null) {
        o.putNull("lastHash");
      } else {
        o.put("lastHash", r.lastHash().toHex());
      }
      ArrayNode errors = o.putArray("errors");
      r.errors().forEach(errors::add);
      out.println(o);
      ok &= r.ok();
    }
    out.flush();
    return ok ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
