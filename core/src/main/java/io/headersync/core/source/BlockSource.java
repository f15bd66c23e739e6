package io.headersync.core.source;

import java.io.IOException;
import java.util.Optional;

/** A file of blocks read one at a time, in file order, with bounded memory. */
public interface BlockSource extends AutoCloseable {

  /** The next block, or empty at the end of the file. */
  Optional<SourceBlock> next() throws SourceFormatException, IOException;

  @Override
  void close() throws IOException;
}
