/**
 * e2store and era1 files: the record reader ({@link io.headersync.core.era.E2StoreReader}), the
 * Snappy framed decoding of record values ({@link io.headersync.core.era.SnappyFramedDecoder}),
 * era1 files read in order or by block index ({@link io.headersync.core.era.Era1File},
 * {@link io.headersync.core.era.Era1Source}), and the pre-merge accumulator that vouches for
 * them ({@link io.headersync.core.era.EpochAccumulator},
 * {@link io.headersync.core.era.HistoricalAccumulator}).
 *
 * <p>Hand-written on purpose: the formats are small, the readers must stream with bounded memory
 * and name the file, offset and reason of every defect, and the SSZ involved is two fixed types.
 * Only raw Snappy block decompression comes from a library (snappy-java); SHA-256 comes from the
 * platform.
 *
 * <p>Reads files only: knows nothing of the network or of storage, and checks no chain rule
 * beyond what the file format itself promises (numbers, index, accumulator).
 */
package io.headersync.core.era;
