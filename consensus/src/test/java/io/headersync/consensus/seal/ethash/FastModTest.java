package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class FastModTest {

  @Property
  void equalsUnsignedRemainder(@ForAll int dividend, @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long divisor) {
    assertThat(new FastMod(divisor).mod(dividend)).isEqualTo((int) Long.remainderUnsigned(dividend & 0xFFFF_FFFFL, divisor));
  }

  @Property
  void edgeDivisors(@ForAll int dividend) {
    for (long d : new long[] {1, 2, 3, 262139, 8388593, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
      assertThat(new FastMod(d).mod(dividend)).isEqualTo((int) ((dividend & 0xFFFF_FFFFL) % d));
    }
  }
}
