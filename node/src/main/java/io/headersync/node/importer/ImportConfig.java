package io.headersync.node.importer;

import java.time.Duration;

/**
 * Tuning of imports and verifications.
 *
 * @param chunkSize blocks checked and committed together. 2048 headers are about 1.2 MB of
 *     header RLP (plus bodies when files carry them): large enough that one RocksDB write and one
 *     hand-off to the worker pool cost little per header, small enough that a crash loses
 *     little work and memory stays flat.
 * @param threads workers that hash headers and check body roots; defaults to the processors
 *     available, since that work is pure CPU.
 * @param progressInterval how often a long run reports progress; 5 s keeps a terminal readable.
 */
public record ImportConfig(int chunkSize, int threads, Duration progressInterval) {

  public static final ImportConfig DEFAULT =
      new ImportConfig(2048, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5));

  public ImportConfig {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }
}
