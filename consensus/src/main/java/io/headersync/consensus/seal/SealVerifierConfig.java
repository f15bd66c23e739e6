package io.headersync.consensus.seal;

/**
 * Settings of seal verification; {@link #DEFAULT} documents each default.
 *
 * @param threads threads that verify one batch, the calling thread included. Default: the
 *     available processors, since light verification is CPU-bound (a few milliseconds of
 *     memory-latency-bound hashing per header) and a batch has hundreds of independent headers.
 *     1 means the calling thread does everything.
 * @param ethashCacheEpochs ethash caches kept. Default 3: the epoch being verified, the one
 *     before it (a batch or a reorg straddling the boundary) and the one after (a batch running
 *     into it), so that a cache is never rebuilt while syncing forward. A cache is 16 MiB at
 *     epoch 0 and grows by 128 KiB an epoch (about 81 MiB at mainnet's last ethash epoch, 517),
 *     so three stay under 250 MiB.
 * @param cliqueSnapshots clique signer-set snapshots kept by block hash. Default 1024: a
 *     snapshot is a few hundred bytes, and 1024 lets a verifier follow a reorg of that depth
 *     without re-reading ancestors (deeper ones restart from a checkpoint block).
 */
public record SealVerifierConfig(int threads, int ethashCacheEpochs, int cliqueSnapshots) {

  public static final SealVerifierConfig DEFAULT =
      new SealVerifierConfig(Runtime.getRuntime().availableProcessors(), 3, 1024);

  public SealVerifierConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("seal verification threads must be at least 1, got " + threads);
    }
    if (ethashCacheEpochs < 1) {
      throw new IllegalArgumentException("ethash caches kept must be at least 1, got " + ethashCacheEpochs);
    }
    if (cliqueSnapshots < 1) {
      throw new IllegalArgumentException("clique snapshots kept must be at least 1, got " + cliqueSnapshots);
    }
  }

  public SealVerifierConfig withThreads(int n) {
    return new SealVerifierConfig(n, ethashCacheEpochs, cliqueSnapshots);
  }
}
