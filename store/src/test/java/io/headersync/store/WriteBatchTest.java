package io.headersync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.testing.SyntheticChain;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

  private final BlockHeader genesis = SyntheticChain.genesis(1);

  @Test
  void opsAreKeptInOrder() {
    WriteBatch b = new WriteBatch().putCanonicalHeader(genesis, BigInteger.ONE).setCheckpoint("headers", 0).deleteBody(Hash.ZERO);
    assertThat(b.ops()).hasSize(4);
    assertThat(b.ops().get(0)).isEqualTo(new WriteBatch.PutHeader(genesis, BigInteger.ONE));
    assertThat(b.ops().get(1)).isEqualTo(new WriteBatch.SetCanonical(0, genesis.hash()));
    assertThat(b.ops().get(2)).isEqualTo(new WriteBatch.SetCheckpoint("headers", Checkpoint.at(0)));
    assertThat(b.ops().get(3)).isEqualTo(new WriteBatch.DeleteBody(Hash.ZERO));
    b.clear();
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void badArgumentsFailWhenAdded() {
    WriteBatch b = new WriteBatch();
    assertThatThrownBy(() -> b.putHeader(genesis, BigInteger.valueOf(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256-bit");
    assertThatThrownBy(() -> b.setCanonical(-1, Hash.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.setCheckpoint("", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.setCheckpoint("has space", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.setCheckpoint("x".repeat(65), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.putHeader(null)).isInstanceOf(NullPointerException.class);
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void aBodyIsCopiedWhenAdded() {
    byte[] body = {(byte) 0xc0};
    WriteBatch b = new WriteBatch().putBody(Hash.ZERO, body);
    body[0] = 0;
    assertThat(((WriteBatch.PutBody) b.ops().get(0)).body()).containsExactly((byte) 0xc0);
  }

  @Test
  void checkpointsCompareByValueAndCopyTheirBytes() {
    byte[] extra = {1, 2};
    Checkpoint c = new Checkpoint(5, extra);
    extra[0] = 9;
    assertThat(c).isEqualTo(new Checkpoint(5, new byte[] {1, 2})).hasSameHashCodeAs(new Checkpoint(5, new byte[] {1, 2}));
    c.extra()[1] = 7;
    assertThat(c.extra()).containsExactly(1, 2);
    assertThat(c).isNotEqualTo(Checkpoint.at(5));
    assertThat(Checkpoint.at(5).extra()).isEmpty();
    assertThatThrownBy(() -> Checkpoint.at(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
