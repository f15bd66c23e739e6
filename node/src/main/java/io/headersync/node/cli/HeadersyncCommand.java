package io.headersync.node.cli;

import io.headersync.store.ChainMismatchException;
import io.headersync.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** The root {@code headersync} command: only subcommands and help. */
@Command(name = "headersync", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Header-first chain synchronizer for Ethereum-style networks.",
    subcommands = {ImportCommand.class, VerifyCommand.class, HeaderCommand.class, StatusCommand.class,
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

  private static IParameterExceptionHandler oneLineUsageErrors() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getCommandName() + ": " + ex.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the flags and their defaults.");
      return ExitCodes.USAGE;
    };
  }
}
