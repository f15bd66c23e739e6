package io.headersync.node.engine;

import io.headersync.node.rpc.server.RpcLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The Engine API port, named as geth names its flags ({@code --authrpc.addr},
 * {@code --authrpc.port}, {@code --authrpc.jwtsecret}).
 *
 * @param addr listen address. Loopback by default: the consensus client runs beside the node
 * @param port 8551, the spec's default
 * @param maxSkew how far a token's {@code iat} may be from now: 60 s, as the spec says
 * @param maxReorgDepth the deepest head change a forkchoice update makes itself, by unwinding and
 *     re-committing stored payload headers. 64 blocks (two epochs): deeper changes below finality do
 *     not happen on a healthy chain, and are left to the sync, which re-downloads the branch
 * @param limits request limits: 32 MiB bodies, since a payload carries every transaction of a
 *     block (tens of MB of calldata at most at today's gas limits, hex-encoded); no rate limit, the
 *     caller is authenticated; one worker thread, so calls run in the order they arrive, as the spec
 *     requires of forkchoice updates
 */
public record EngineConfig(String addr, int port, Duration maxSkew, int maxReorgDepth, RpcLimits limits) {

  public static final String DEFAULT_ADDR = "127.0.0.1";
  public static final int DEFAULT_PORT = 8551;
  public static final EngineConfig DEFAULT = new EngineConfig(DEFAULT_ADDR, DEFAULT_PORT, JwtAuthenticator.SPEC_MAX_SKEW, 64,
      new RpcLimits(32 * 1024 * 1024, 32 * 1024 * 1024, 1000, 256L * 1024 * 1024, 0, 1, 16, 16, 4 * 1024 * 1024, 1));

  public EngineConfig {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(maxSkew, "maxSkew");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--authrpc.port must be 0..65535, got " + port);
    }
    if (maxReorgDepth < 1) {
      throw new IllegalArgumentException("maxReorgDepth must be positive, got " + maxReorgDepth);
    }
  }

  public EngineConfig withAddress(String newAddr, int newPort) {
    return new EngineConfig(newAddr, newPort, maxSkew, maxReorgDepth, limits);
  }
}
