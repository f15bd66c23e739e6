package io.headersync.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.store.BlockRef;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first 16,384 real mainnet headers with their total difficulties, through the RocksDB store. */
class MainnetHeadersStoreTest {

  private static final int BATCH = 4_096;

  @TempDir
  Path dir;

  @Test
  void mainnetHeadersRoundTripWithTheirTotalDifficulties() {
    List<HeaderLine> lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
    HeaderLine genesis = lines.get(0);
    RocksDbConfig config = RocksDbConfig.DEFAULT.withBlockCacheBytes(16L << 20).withWriteBufferBytes(8L << 20);
    try (HeaderStore store = RocksDbHeaderStore.open(dir, genesis.hash(), config)) {
      for (int from = 0; from < lines.size(); from += BATCH) {
        WriteBatch batch = new WriteBatch();
        List<HeaderLine> slice = lines.subList(from, Math.min(lines.size(), from + BATCH));
        for (HeaderLine line : slice) {
          batch.putCanonicalHeader(BlockHeader.decode(line.rlp()), line.totalDifficulty());
        }
        store.commit(batch.setCheckpoint("headers", slice.get(slice.size() - 1).number()));
      }
    }
    try (HeaderStore store = RocksDbHeaderStore.open(dir, genesis.hash(), config)) {
      HeaderLine last = lines.get(lines.size() - 1);
      assertThat(store.head()).contains(new BlockRef(last.number(), last.hash()));
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
      assertThat(report.blocksChecked()).isEqualTo(lines.size());
      try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
        for (HeaderLine line : lines) {
          BlockHeader h = it.next();
          assertThat(h.hash()).isEqualTo(line.hash());
          assertThat(h.encoded()).isEqualTo(line.rlp());
          assertThat(store.totalDifficulty(line.number(), line.hash())).contains(line.totalDifficulty());
        }
        assertThat(it.hasNext()).isFalse();
      }
    }
  }
}
