package io.headersync.p2p.server;

/**
 * How much one answer to a peer may hold.
 *
 * @param maxHeaders headers in one BlockHeaders. 1024: what geth, Reth and Besu serve, so peers
 *     size their requests to it (geth asks for 192 at most, skeleton requests far fewer)
 * @param maxHeaderBytes bytes of headers in one answer. 2 MiB: the eth specification's
 *     recommended soft limit; about 3,800 mainnet headers, so the count cap usually binds first.
 *     The header that crosses the limit is still sent, so an answer is never empty for size
 * @param maxBodies bodies in one BlockBodies. 1024, as for headers
 * @param maxBodyBytes bytes of bodies in one answer. 2 MiB, the specification's soft limit, the
 *     body that crosses it included
 * @param rangeUpdateInterval blocks the head must advance before eth/69 peers are sent another
 *     BlockRangeUpdate. 32: EIP-7642 asks for at most one update per epoch of 32 blocks
 */
public record ServerConfig(int maxHeaders, int maxHeaderBytes, int maxBodies, int maxBodyBytes, int rangeUpdateInterval) {

  public static final ServerConfig DEFAULT = new ServerConfig(1024, 2 * 1024 * 1024, 1024, 2 * 1024 * 1024, 32);

  public ServerConfig {
    if (maxHeaders < 1 || maxHeaderBytes < 1 || maxBodies < 1 || maxBodyBytes < 1 || rangeUpdateInterval < 1) {
      throw new IllegalArgumentException("every serving limit must be at least 1");
    }
  }
}
