package io.headersync.testkit.chain;

/**
 * Memory settings of a {@link LazyHeaderChain}. With the defaults a chain holds at most 8 × 1024
 * decoded headers (about 12 MB), one checkpoint of about 0.7 KB per 1024 blocks (about 7 MB for
 * ten million blocks) and 65,536 hash-to-number entries (about 8 MB), whatever its length.
 *
 * @param segmentSize blocks per segment: a checkpoint is kept at the start of each, and a random
 *     read makes at most this many headers. Default 1024, the most a peer serves in one answer, so
 *     one answer touches at most two segments.
 * @param cachedSegments segments kept decoded (least recently used goes first). Default 8: enough
 *     for a handful of peers reading near each other.
 * @param hashIndexCapacity how many recently made headers can be found by hash. Default 65,536:
 *     covers what a syncer asks for by hash (heads, anchors, parents of recent answers).
 */
public record LazyChainConfig(int segmentSize, int cachedSegments, int hashIndexCapacity) {

  public static final LazyChainConfig DEFAULT = new LazyChainConfig(1024, 8, 65_536);

  public LazyChainConfig {
    if (segmentSize < 1 || cachedSegments < 1 || hashIndexCapacity < 1) {
      throw new IllegalArgumentException("segmentSize, cachedSegments and hashIndexCapacity must be positive");
    }
  }
}
