package io.headersync.p2p.discovery.table;

/**
 * Sizes of the routing table.
 *
 * @param bucketSize entries per bucket; 16 is discv4's {@code k}, which every implementation uses
 *     so that FindNode answers have the same size everywhere
 * @param replacementsPerBucket nodes kept per full bucket to take the place of entries that stop
 *     answering; 10 as geth keeps, enough to refill a bucket after a burst of churn without
 *     holding many stale addresses
 */
public record TableConfig(int bucketSize, int replacementsPerBucket) {

  public static final TableConfig DEFAULT = new TableConfig(16, 10);

  public TableConfig {
    if (bucketSize < 1) {
      throw new IllegalArgumentException("bucketSize must be at least 1, got " + bucketSize);
    }
    if (replacementsPerBucket < 0) {
      throw new IllegalArgumentException("replacementsPerBucket must not be negative, got " + replacementsPerBucket);
    }
  }
}
