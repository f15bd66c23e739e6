package io.headersync.node.rpc.server;

/**
 * What one endpoint accepts.
 *
 * @param maxRequestBytes largest HTTP request body; larger ones get HTTP 413. 5 MiB, geth's
 *     default: far above any read request, small enough that a few at once cannot exhaust the heap
 * @param maxWebSocketMessageBytes largest WebSocket message (all frames of it); larger closes the
 *     connection with status 1009. Same 5 MiB, for the same reason
 * @param maxBatchItems most requests in one batch. 1000, geth's default
 * @param maxBatchResponseBytes most bytes of responses one batch may produce; calls past it answer
 *     -32005. 25 MB, geth's default
 * @param callsPerSecond sustained calls per second allowed from one IP address (a batch costs one
 *     per request); 0 turns the limit off. 500: a busy indexer's polling fits, a flood does not
 * @param callBurst calls one address may make at once before the rate applies. 1000, one full batch
 * @param maxTrackedAddresses addresses whose call budgets are remembered; the least recently seen
 *     is forgotten first (it then starts again with a full burst). 10,000 entries, under 1 MB
 * @param maxSubscriptionsPerConnection open subscriptions one WebSocket connection may hold. 128
 * @param writeBufferHighWaterBytes bytes queued for a slow WebSocket client before its
 *     notifications stop and the connection is closed (1008). 4 MiB, thousands of headers
 * @param workerThreads threads running method calls, off the I/O threads. 2: reads are quick store
 *     lookups; more would only compete with the sync for the machine's cores
 */
public record RpcLimits(int maxRequestBytes, int maxWebSocketMessageBytes, int maxBatchItems, long maxBatchResponseBytes,
    double callsPerSecond, int callBurst, int maxTrackedAddresses, int maxSubscriptionsPerConnection,
    int writeBufferHighWaterBytes, int workerThreads) {

  public static final RpcLimits DEFAULT = new RpcLimits(5 * 1024 * 1024, 5 * 1024 * 1024, 1000, 25_000_000L,
      500, 1000, 10_000, 128, 4 * 1024 * 1024, 2);

  public RpcLimits {
    positive(maxRequestBytes, "maxRequestBytes");
    positive(maxWebSocketMessageBytes, "maxWebSocketMessageBytes");
    positive(maxBatchItems, "maxBatchItems");
    positive(maxBatchResponseBytes, "maxBatchResponseBytes");
    if (!(callsPerSecond >= 0) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException("callsPerSecond must be 0 (no limit) or positive, got " + callsPerSecond);
    }
    positive(callBurst, "callBurst");
    positive(maxTrackedAddresses, "maxTrackedAddresses");
    positive(maxSubscriptionsPerConnection, "maxSubscriptionsPerConnection");
    positive(writeBufferHighWaterBytes, "writeBufferHighWaterBytes");
    positive(workerThreads, "workerThreads");
  }

  public RpcLimits withMaxRequestBytes(int value) {
    return new RpcLimits(value, value, maxBatchItems, maxBatchResponseBytes, callsPerSecond, callBurst,
        maxTrackedAddresses, maxSubscriptionsPerConnection, writeBufferHighWaterBytes, workerThreads);
  }

  public RpcLimits withRate(double perSecond, int burst) {
    return new RpcLimits(maxRequestBytes, maxWebSocketMessageBytes, maxBatchItems, maxBatchResponseBytes, perSecond, burst,
        maxTrackedAddresses, maxSubscriptionsPerConnection, writeBufferHighWaterBytes, workerThreads);
  }

  public RpcLimits withMaxBatchItems(int value) {
    return new RpcLimits(maxRequestBytes, maxWebSocketMessageBytes, value, maxBatchResponseBytes, callsPerSecond, callBurst,
        maxTrackedAddresses, maxSubscriptionsPerConnection, writeBufferHighWaterBytes, workerThreads);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }
}
