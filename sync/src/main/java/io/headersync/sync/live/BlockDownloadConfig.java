package io.headersync.sync.live;

/**
 * Settings of the {@link LiveBlockDownloader}. Memory is bounded by two numbers: blocks held
 * (with bodies) and blocks tracked (header or hash only).
 *
 * @param maxHeldBlocks blocks whose body is held or on its way: bodies asked for and not yet
 *     answered, bodies waiting for their header, blocks waiting for a lower one to be released,
 *     and blocks released but not yet polled. Default 256: a mainnet body averages roughly
 *     100–200 KB without blobs, so this is a few tens of MB at most, and 256 blocks are about 50
 *     minutes of chain, far more than the gap live download exists to close.
 * @param maxTrackedBlocks blocks known by hash or header and not yet emitted, plus the blocks
 *     range walks still expect. Default 4096: a tracked block without its body costs about 1 KB
 *     (header and bookkeeping), so about 4 MB; four maximal ranges fit at once.
 * @param maxRangeCount the longest range one call may ask for. Default 1024, the most headers a
 *     peer puts in one answer: a longer gap is a backfill, the pipeline's job, not live download's.
 * @param maxHeadersPerRequest headers asked for in one request of a range walk. Default 1024, the
 *     common serving limit; peers that serve less answer a prefix and the walk goes on from there.
 * @param maxHeaderRequestsInFlight headers requests outstanding at once (each block of a set asks
 *     for its header alone; each range walk has one request out). Default 32: far below the
 *     scheduler's queue bound (1024), so live download never crowds out other work, and more than
 *     the handful of heads a set usually names.
 * @param maxBodiesPerRequest bodies asked for in one request. Default 64: peers cut answers at
 *     about 2 MiB, which 64 average mainnet bodies roughly fill, and smaller batches spread a
 *     range over more peers at once.
 * @param maxBodyRequestsInFlight bodies requests outstanding at once. Default 8: with the
 *     scheduler's two requests per peer this keeps four peers busy, while the request queue stays
 *     short enough for the tip's own requests to overtake.
 * @param maxBodyAttempts bodies asked for one block (wrong bodies and failed requests both count)
 *     before it is given up. Default 6: each wrong body costs its sender reputation and pushes it
 *     to the back of the scheduler's line, so six failures mean no connected peer has the block.
 * @param maxHeaderAttempts headers requests for one block or one range step that came back wrong
 *     before it is given up (the scheduler retries time-outs and empty answers itself). Default 3.
 * @param emittedMemory hashes of emitted blocks remembered, so that overlapping requests do not
 *     emit a block twice. Default 4096 (about 200 KB): at least everything tracked at once.
 */
public record BlockDownloadConfig(
    int maxHeldBlocks,
    int maxTrackedBlocks,
    int maxRangeCount,
    int maxHeadersPerRequest,
    int maxHeaderRequestsInFlight,
    int maxBodiesPerRequest,
    int maxBodyRequestsInFlight,
    int maxBodyAttempts,
    int maxHeaderAttempts,
    int emittedMemory) {

  public static final BlockDownloadConfig DEFAULT = new BlockDownloadConfig(256, 4096, 1024, 1024, 32, 64, 8, 6, 3, 4096);

  public BlockDownloadConfig {
    if (maxHeldBlocks < 1 || maxTrackedBlocks < 1 || maxRangeCount < 1 || maxHeadersPerRequest < 1
        || maxHeaderRequestsInFlight < 1 || maxBodiesPerRequest < 1 || maxBodyRequestsInFlight < 1 || maxBodyAttempts < 1 || maxHeaderAttempts < 1
        || emittedMemory < 1) {
      throw new IllegalArgumentException("every block download limit must be positive: " + this);
    }
    if (maxRangeCount > maxTrackedBlocks) {
      throw new IllegalArgumentException(
          "maxRangeCount " + maxRangeCount + " exceeds maxTrackedBlocks " + maxTrackedBlocks + ": no range could start");
    }
  }

  public BlockDownloadConfig withMaxHeldBlocks(int value) {
    return new BlockDownloadConfig(value, maxTrackedBlocks, maxRangeCount, maxHeadersPerRequest, maxHeaderRequestsInFlight,
        maxBodiesPerRequest, maxBodyRequestsInFlight, maxBodyAttempts, maxHeaderAttempts, emittedMemory);
  }

  public BlockDownloadConfig withMaxTrackedBlocks(int value) {
    return new BlockDownloadConfig(maxHeldBlocks, value, Math.min(maxRangeCount, value), maxHeadersPerRequest,
        maxHeaderRequestsInFlight, maxBodiesPerRequest, maxBodyRequestsInFlight, maxBodyAttempts, maxHeaderAttempts, emittedMemory);
  }

  public BlockDownloadConfig withMaxHeadersPerRequest(int value) {
    return new BlockDownloadConfig(maxHeldBlocks, maxTrackedBlocks, maxRangeCount, value, maxHeaderRequestsInFlight,
        maxBodiesPerRequest, maxBodyRequestsInFlight, maxBodyAttempts, maxHeaderAttempts, emittedMemory);
  }

  public BlockDownloadConfig withMaxBodiesPerRequest(int value) {
    return new BlockDownloadConfig(maxHeldBlocks, maxTrackedBlocks, maxRangeCount, maxHeadersPerRequest,
        maxHeaderRequestsInFlight, value, maxBodyRequestsInFlight, maxBodyAttempts, maxHeaderAttempts, emittedMemory);
  }

  public BlockDownloadConfig withMaxBodyRequestsInFlight(int value) {
    return new BlockDownloadConfig(maxHeldBlocks, maxTrackedBlocks, maxRangeCount, maxHeadersPerRequest,
        maxHeaderRequestsInFlight, maxBodiesPerRequest, value, maxBodyAttempts, maxHeaderAttempts, emittedMemory);
  }

  public BlockDownloadConfig withMaxBodyAttempts(int value) {
    return new BlockDownloadConfig(maxHeldBlocks, maxTrackedBlocks, maxRangeCount, maxHeadersPerRequest,
        maxHeaderRequestsInFlight, maxBodiesPerRequest, maxBodyRequestsInFlight, value, maxHeaderAttempts, emittedMemory);
  }
}
