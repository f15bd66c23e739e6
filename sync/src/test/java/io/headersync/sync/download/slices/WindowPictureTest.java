package io.headersync.sync.download.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.checkpoint.CheckpointHashes;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPictureTest {

  @Test
  void everyStateHasItsOwnSymbolAndPicturesRoundTrip() {
    String all = ". ~ # i + x f =";
    List<SliceState> states = WindowPicture.parse(all);
    assertThat(states).containsExactly(SliceState.values());
    assertThat(WindowPicture.draw(states)).isEqualTo(all);
  }

  @Test
  void anUnknownSymbolIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> WindowPicture.parse("+ ? ."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?'").hasMessageContaining(".~#i+xf=");
    assertThatThrownBy(() -> WindowPicture.parse("++ ."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one symbol");
  }

  @Test
  void theWindowCutsSlicesAtCheckpointsAndAtItsEnd() {
    TestChain chain = TestChain.build(1000);
    SliceWindow w = new SliceWindow(10, 192, chain.checkpoints(100, 999));
    w.reset(51);
    w.setEnd(430);
    w.fill();
    assertThat(w.slices()).extracting(Slice::start).containsExactly(51L, 101L, 201L, 301L, 401L);
    assertThat(w.slices()).extracting(Slice::end).containsExactly(100L, 200L, 300L, 400L, 430L);
    assertThat(w.render()).isEqualTo(". . . . .");
  }

  @Test
  void theWindowStopsAtItsCapacityAndMovesUpAsItsBottomIsSaved() {
    SliceWindow w = new SliceWindow(3, 192, CheckpointHashes.empty());
    w.reset(1);
    w.setEnd(10_000);
    assertThat(w.fill()).isEqualTo(3);
    assertThat(w.fill()).isZero();
    w.get(0).saved();
    w.dropSaved();
    assertThat(w.fill()).isEqualTo(1);
    assertThat(w.slices()).extracting(Slice::start).containsExactly(193L, 385L, 577L);
  }

  @Test
  void loweringTheEndDropsAndRemakesTheTopSlice() {
    SliceWindow w = new SliceWindow(5, 192, CheckpointHashes.empty());
    w.reset(1);
    w.setEnd(10_000);
    w.fill();
    w.setEnd(300);
    w.fill();
    assertThat(w.slices()).extracting(Slice::end).containsExactly(192L, 300L);
  }

  @Test
  void configDerivesTheWindowFromTheMemoryLimit() {
    assertThat(SliceConfig.DEFAULT.windowSlices()).isEqualTo(64 * 1024 * 1024 / (600 * 192));
    assertThatThrownBy(() -> SliceConfig.DEFAULT.withMemoryLimitBytes(192 * 600))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than two slices");
  }
}
