package io.headersync.testkit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import org.junit.jupiter.api.Test;

/**
 * Walks a ten-million-header mainnet-shaped chain end to end, checking every link, and checks
 * that what the chain holds stays within its configured bound all the way. (Held whole, the
 * headers would need about 15 GB; the test JVM has 2 GB.)
 */
class TenMillionHeadersTest {

  private static final long LENGTH = 10_000_000L;

  @Test
  void walksTenMillionHeadersInBoundedMemory() {
    LazyHeaderChain chain = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(2024).firstNumber(12_000_000).length(LENGTH).build();
    Runtime rt = Runtime.getRuntime();
    long maxUsed = 0;
    Hash parent = chain.header(chain.firstNumber()).hash();
    long count = 0;
    for (long n = chain.firstNumber() + 1; n <= chain.headNumber(); n++) {
      BlockHeader h = chain.header(n);
      if (!h.parentHash().equals(parent) || h.number() != n) {
        throw new AssertionError("header #" + n + " does not link to its parent");
      }
      parent = h.hash();
      count++;
      if (n % 500_000 == 0) {
        assertThat(chain.cachedHeaderCount()).isLessThanOrEqualTo(chain.maxCachedHeaders());
        assertThat(chain.hashIndexSize()).isLessThanOrEqualTo(LazyChainConfig.DEFAULT.hashIndexCapacity());
        maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
      }
    }
    assertThat(count).isEqualTo(LENGTH);
    assertThat(chain.checkpointCount()).isEqualTo((int) ((LENGTH + 1023) / 1024));
    System.gc();
    long retained = rt.totalMemory() - rt.freeMemory();
    System.out.printf("10M headers walked; heap in use after GC %d MB, highest sampled %d MB%n",
        retained >> 20, maxUsed >> 20);
    // Loose on purpose: the bound that matters is the one asserted above; this catches a leak of
    // the chain itself (ten million headers would not fit at all).
    assertThat(retained).isLessThan(300L << 20);
    assertThat(chain.header(chain.firstNumber() + 5)).isEqualTo(chain.header(chain.firstNumber() + 5));
  }
}
