package io.headersync.node.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks on file arguments made before any work starts, so a typo costs nothing. */
final class Files {

  private Files() {}

  static void requireReadable(CommandSpec spec, List<Path> files) {
    for (Path f : files) {
      if (!java.nio.file.Files.isRegularFile(f)) {
        throw new ParameterException(spec.commandLine(), "no such file: " + f);
      }
      if (!java.nio.file.Files.isReadable(f)) {
        throw new ParameterException(spec.commandLine(), "cannot read: " + f);
      }
    }
  }
}
