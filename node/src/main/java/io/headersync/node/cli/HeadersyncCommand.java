package io.headersync.node.cli;

import io.headersync.store.ChainMismatchException;
import io.headersync.store.StoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The root {@code headersync} command: only subcommands and help. */
@Command(name = "headersync", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Header-first chain synchronizer for Ethereum-style networks.",
    subcommands = {ImportCommand.class, VerifyCommand.class, HeaderCommand.class, StatusCommand.class, SimCommand.class,
        ExportCommand.class, ServeCommand.class, SyncCommand.class,
        DevnetCommand.class,
        CommandLine.HelpCommand.class})
public final class HeadersyncCommand implements Runnable {

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: import, verify, header or status");
  }

  /** The configured command line: usage errors print one line and a hint, and exit with {@link ExitCodes#USAGE}. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new HeadersyncCommand());
    cl.setParameterExceptionHandler(oneLineUsageErrors());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof CommandFailure failure) {
        commandLine.getErr().println(commandLine.getCommandName() + ": " + failure.getMessage());
        return failure.exitCode();
      }
      if (ex instanceof ChainMismatchException mismatch) {
        commandLine.getErr().println(commandLine.getCommandName() + ": " + mismatch.getMessage());
        return ExitCodes.INVALID;
      }
      if (ex instanceof StoreException store) {
        commandLine.getErr().println(commandLine.getCommandName() + ": database: " + store.getMessage());
        return ExitCodes.IO;
      }
      commandLine.getErr().println(commandLine.getCommandName() + ": unexpected failure: " + ex);
      return ExitCodes.IO;
    });
    return cl;
  }

  /**
   * The reason to print. Picocli checks required options before it complains about unknown ones,
   * so {@code import --bogus} would otherwise only say that {@code --datadir} is missing; the
   * unknown argument is usually the cause (a mistyped flag), so it is named first.
   */
  private static String reason(ParameterException ex, CommandLine cmd) {
    List<String> unmatched = cmd.getUnmatchedArguments();
    if (ex instanceof UnmatchedArgumentException || unmatched.isEmpty()) {
      return ex.getMessage();
    }
    String unknown = unmatched.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
    return (unmatched.size() == 1 ? "Unknown option or argument: " : "Unknown options or arguments: ") + unknown
        + "; also " + ex.getMessage();
  }

  private static IParameterExceptionHandler oneLineUsageErrors() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getCommandName() + ": " + reason(ex, cmd));
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the flags and their defaults.");
      return ExitCodes.USAGE;
    };
  }
}
