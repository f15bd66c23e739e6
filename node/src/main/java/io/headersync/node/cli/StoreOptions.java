package io.headersync.node.cli;

import io.headersync.store.rocksdb.RocksDbConfig;
import io.headersync.store.rocksdb.RocksDbConfig.Compression;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How the commands that write a data directory set up its RocksDB store. */
public final class StoreOptions {

  @Option(names = "--db-compression", paramLabel = "NAME", defaultValue = "none", converter = CompressionConverter.class,
      description = "Compression of the store's table files written from now on: none (default; fastest), lz4, snappy "
          + "or zstd (less disk, more CPU). Files already written stay readable whatever is chosen.")
  Compression compression;

  /** The store settings these options ask for. */
  RocksDbConfig config() {
    return RocksDbConfig.DEFAULT.withCompression(compression);
  }

  /** Parses a compression name in any case, listing the names when it is none of them. */
  static final class CompressionConverter implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String value) {
      return EnumNames.find(Compression.class, value).orElseThrow(() -> new TypeConversionException(
          "unknown compression '" + value + "'; use one of " + EnumNames.list(Compression.class)));
    }
  }
}
