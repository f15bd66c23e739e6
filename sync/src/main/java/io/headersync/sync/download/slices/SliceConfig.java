package io.headersync.sync.download.slices;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link SliceHeaderDownloader}.
 *
 * @param memoryLimitBytes what the window of slices may hold in headers. Default 64 MiB: about
 *     580 slices, 110,000 headers in the window, enough to keep every peer of a large peer set
 *     busy while the lowest slice waits for a slow answer, and small beside the few hundred MB a
 *     whole node may use. The window's size in slices is derived from it (see {@link
 *     #windowSlices()}); it is the number the tests check.
 * @param bytesPerHeader the size assumed for one header when turning the memory limit into a
 *     number of slices. Default 600: a mainnet Cancun header's encoding is 580–620 bytes (Prague
 *     adds 33; pre-London headers are about 540). The decoded fields roughly double what a header
 *     really costs on the heap; raise this to be conservative.
 * @param sliceSize headers per slice. Default 192: the spacing of the published preverified hash
 *     lists, so each slice of the preverified phase ends exactly at a shipped hash and is checked
 *     on its own; 192 headers (about 115 KB) also fit any peer's serving limit in one answer.
 * @param maxInFlightSlices slices requested and not yet answered. Default 256: about 51
 *     requests of {@code maxSlicesPerRequest} slices; the request scheduler lets each peer carry
 *     two, so this keeps 25 peers busy (a few more wait briefly in the scheduler's queue, far
 *     inside its time limit), and 256 slices (about 29 MB) are under half the window.
 * @param maxSlicesPerRequest adjacent empty slices asked for in one request, each checked on its
 *     own once the answer is cut into slices. Default 5: 960 headers, within the 1,024 headers
 *     (and the 2 MiB) common clients serve in one answer. One slice per request would leave a
 *     peer's link idle for a round trip after every 192 headers: with two requests per peer, a
 *     100 ms round trip and 2 MB/s, 192-header answers reach about three quarters of the link's
 *     rate, 960-header ones all of it. An answer cut short by a peer's own serving limit keeps
 *     the whole slices it holds and the rest are asked again; one that fills no slice is useless.
 * @param sliceTimeout how long a slice may wait for its answer before it is dropped back to empty
 *     and asked again. Default 3 minutes: a safety net above the scheduler's own time-outs and
 *     retries (four attempts of at most 20 s, after up to 60 s in its queue), so it only fires
 *     when an answer is lost for good.
 * @param retryDelay how long a slice waits before it is asked again after its request failed (no
 *     suitable peer, retries spent). Default 1 s: stops a network with no useful peer from being
 *     asked in a tight loop, and is short beside a sync.
 * @param linearTipDistance T: the linear phase ends at the estimated tip minus T, and the forky
 *     phase covers the last T blocks. Default 90,000 (about 12 days of post-merge mainnet blocks):
 *     no honest chain reorganises that deep, so below it a slice that does not link to what is
 *     already saved is a lie, not a fork; nearer the tip it may be a real competing branch.
 * @param maxForkHeaders the most headers the fork probe (the target's branch, walked down from
 *     the target until it meets the local chain) may hold. Default 3,072 (16 slices, under 2 MB):
 *     post-merge reorganisations are a few blocks deep and pre-merge ones rarely passed a few
 *     dozen; a deeper fork is abandoned and reported in the stats.
 * @param forkChoice how a competing branch found near the tip is judged against the local one
 * @param backtrackAfterDisputes how many answers from at least two different peers must fail to
 *     link to the saved head before the last saved slice is taken as wrong and unwound. Default 3:
 *     one or two could be liars; three answers from two or more peers that agree with each other
 *     and not with what was saved point at what was saved.
 * @param maxBacktrackSlices how many saved slices the downloader remembers (start, supplier,
 *     hashes) to unwind and to judge their suppliers later. Default 64: a lie can only have been
 *     saved if its supplier also served the slice above, so a backtrack rarely goes past one or
 *     two slices.
 */
public record SliceConfig(
    long memoryLimitBytes,
    int bytesPerHeader,
    int sliceSize,
    int maxInFlightSlices,
    Duration sliceTimeout,
    Duration retryDelay,
    long linearTipDistance,
    int maxForkHeaders,
    ForkChoice forkChoice,
    int backtrackAfterDisputes,
    int maxBacktrackSlices,
    int maxSlicesPerRequest) {

  /** How a branch that leads to the target is judged against the local chain where they differ. */
  public enum ForkChoice {
    /**
     * The target is trusted (a consensus client, a flag): its branch wins. Right after the merge,
     * where every header has difficulty zero and total difficulty cannot tell branches apart.
     */
    TRUSTED_TARGET,
    /**
     * The branch with more total difficulty above the fork point wins; a lighter target is
     * refused. For proof-of-work networks without a consensus client. Where both branches weigh
     * zero (post-merge) the target still wins, since nothing else can decide.
     */
    TOTAL_DIFFICULTY
  }

  public static final SliceConfig DEFAULT = new SliceConfig(
      64L * 1024 * 1024, 600, 192, 256, Duration.ofMinutes(3), Duration.ofSeconds(1), 90_000, 3_072,
      ForkChoice.TRUSTED_TARGET, 3, 64, 5);

  public SliceConfig {
    Objects.requireNonNull(sliceTimeout, "sliceTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(forkChoice, "forkChoice");
    if (bytesPerHeader < 1 || sliceSize < 1 || maxInFlightSlices < 1 || maxForkHeaders < 1 || backtrackAfterDisputes < 1
        || maxBacktrackSlices < 1 || maxSlicesPerRequest < 1 || linearTipDistance < 0) {
      throw new IllegalArgumentException("sizes, limits and counts must be positive (linearTipDistance not negative)");
    }
    if (memoryLimitBytes / ((long) bytesPerHeader * sliceSize) < 2) {
      throw new IllegalArgumentException("memory limit " + memoryLimitBytes + " B holds fewer than two slices of "
          + sliceSize + " headers at " + bytesPerHeader + " B; a slice is confirmed by the one above it, so two is the least");
    }
    if (sliceTimeout.isNegative() || sliceTimeout.isZero() || retryDelay.isNegative()) {
      throw new IllegalArgumentException("sliceTimeout must be positive and retryDelay not negative");
    }
  }

  /** Slices the window holds: the memory limit over the size of one slice. */
  public int windowSlices() {
    return (int) Math.min(Integer.MAX_VALUE, memoryLimitBytes / ((long) bytesPerHeader * sliceSize));
  }

  /** The most headers the window holds at once. */
  public long windowHeaderLimit() {
    return (long) windowSlices() * sliceSize;
  }

  public SliceConfig withMemoryLimitBytes(long value) {
    return new SliceConfig(value, bytesPerHeader, sliceSize, maxInFlightSlices, sliceTimeout, retryDelay, linearTipDistance,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withSliceSize(int value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, value, maxInFlightSlices, sliceTimeout, retryDelay, linearTipDistance,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withMaxInFlightSlices(int value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, value, sliceTimeout, retryDelay, linearTipDistance,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withSliceTimeout(Duration value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, maxInFlightSlices, value, retryDelay, linearTipDistance,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withLinearTipDistance(long value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, maxInFlightSlices, sliceTimeout, retryDelay, value,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withMaxForkHeaders(int value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, maxInFlightSlices, sliceTimeout, retryDelay, linearTipDistance,
        value, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withForkChoice(ForkChoice value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, maxInFlightSlices, sliceTimeout, retryDelay, linearTipDistance,
        maxForkHeaders, value, backtrackAfterDisputes, maxBacktrackSlices, maxSlicesPerRequest);
  }

  public SliceConfig withMaxSlicesPerRequest(int value) {
    return new SliceConfig(memoryLimitBytes, bytesPerHeader, sliceSize, maxInFlightSlices, sliceTimeout, retryDelay, linearTipDistance,
        maxForkHeaders, forkChoice, backtrackAfterDisputes, maxBacktrackSlices, value);
  }
}
