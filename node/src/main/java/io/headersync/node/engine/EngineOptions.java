package io.headersync.node.engine;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --authrpc.addr}, {@code --authrpc.port} and {@code --authrpc.jwtsecret}, as geth names
 * them: a picocli mixin for commands that take a consensus client's head. The Engine API runs when
 * {@code --authrpc.jwtsecret} is given (a header syncer without a consensus client has no use for
 * the port, so it is not opened by default as geth's is).
 */
public final class EngineOptions {

  @Option(names = "--authrpc.addr", paramLabel = "ADDR", defaultValue = EngineConfig.DEFAULT_ADDR,
      description = "Address the Engine API listens on. Default: ${DEFAULT-VALUE}.")
  String addr;

  @Option(names = "--authrpc.port", paramLabel = "PORT", defaultValue = "" + EngineConfig.DEFAULT_PORT,
      description = "TCP port of the Engine API (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--authrpc.jwtsecret", paramLabel = "FILE",
      description = "The JWT secret shared with the consensus client (32 bytes as hex; created when the file does not "
          + "exist). Giving it turns the Engine API on: forkchoiceUpdated heads become the sync's target. Default: off.")
  Path jwtSecret;

  /** The Engine API settings and secret when {@code --authrpc.jwtsecret} was given. */
  public Optional<Enabled> enabled() {
    if (jwtSecret == null) {
      return Optional.empty();
    }
    return Optional.of(new Enabled(EngineConfig.DEFAULT.withAddress(addr, port),
        JwtSecret.loadOrCreate(jwtSecret, new SecureRandom())));
  }

  /** What the Engine API is started with. */
  public record Enabled(EngineConfig config, JwtSecret secret) {}
}
