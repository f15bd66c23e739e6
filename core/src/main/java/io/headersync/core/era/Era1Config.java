package io.headersync.core.era;

/**
 * How an era1 file is read.
 *
 * @param readBodies decompress each block's body into {@link io.headersync.core.source.SourceBlock#bodyRlp()}.
 *     Default {@code true}. A header-only import sets it to {@code false}: bodies are most of an
 *     era1 file's bytes and most of the time spent reading it.
 * @param checkAccumulator while streaming, fold each block's hash and total difficulty into an
 *     {@link EpochAccumulator} and, at the end, require the result to equal the file's
 *     accumulator record. Default {@code true}: it costs two SHA-256 per block, and without it a
 *     file whose blocks were swapped for others would read without complaint.
 * @param maxRecordBytes the largest record accepted, compressed or decompressed, checked before
 *     any allocation. Default 64 MiB: era1 holds pre-merge blocks only, whose bodies stay under
 *     about 8 MB (30M gas at 4 gas per zero calldata byte) and whose receipts are similar, so
 *     this leaves a wide margin while capping what one corrupt length can make the reader allocate.
 */
public record Era1Config(boolean readBodies, boolean checkAccumulator, int maxRecordBytes) {

  private static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

  /** Bodies, accumulator check, 64 MiB records. */
  public static final Era1Config DEFAULT = new Era1Config(true, true, DEFAULT_MAX_RECORD_BYTES);

  /** As {@link #DEFAULT} but without decompressing bodies. */
  public static final Era1Config HEADERS_ONLY = new Era1Config(false, true, DEFAULT_MAX_RECORD_BYTES);

  public Era1Config {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
    }
  }

  public Era1Config withReadBodies(boolean value) {
    return new Era1Config(value, checkAccumulator, maxRecordBytes);
  }

  public Era1Config withCheckAccumulator(boolean value) {
    return new Era1Config(readBodies, value, maxRecordBytes);
  }

  public Era1Config withMaxRecordBytes(int value) {
    return new Era1Config(readBodies, checkAccumulator, value);
  }
}
