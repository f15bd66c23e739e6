package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkeletonConfigTest {

  @Test
  void concurrencyIsTwoRequestsAPeerWithinTheBounds() {
    SkeletonConfig c = SkeletonConfig.DEFAULT;
    assertThat(c.concurrencyFor(0)).isEqualTo(c.minInFlightRequests());
    assertThat(c.concurrencyFor(1)).isEqualTo(c.minInFlightRequests());
    assertThat(c.concurrencyFor(20)).isEqualTo(40);
    assertThat(c.concurrencyFor(1_000)).isEqualTo(c.maxInFlightRequests());
    assertThat(c.concurrencyFor(Integer.MAX_VALUE)).isEqualTo(c.maxInFlightRequests());
  }

  @Test
  void aLowerMaximumAlsoLowersTheMinimum() {
    SkeletonConfig c = SkeletonConfig.DEFAULT.withMaxInFlightRequests(2);
    assertThat(c.minInFlightRequests()).isEqualTo(2);
    assertThat(c.concurrencyFor(0)).isEqualTo(2);
    assertThat(c.concurrencyFor(50)).isEqualTo(2);
  }

  @Test
  void aMaximumBelowTheMinimumIsRefused() {
    SkeletonConfig d = SkeletonConfig.DEFAULT;
    assertThatThrownBy(() -> new SkeletonConfig(d.skeletonStride(), d.skeletonMaxHeaders(), d.maxAnchorsForSkeleton(),
        d.anchorExtensionSize(), d.anchorRetryInterval(), d.anchorInvalidationFailures(), d.anchorLimit(), d.linkLimit(),
        d.persistedLinkLimit(), 8, 4, 2, d.maxBatchSize(), d.skeletonRepeatInterval(), d.targetRetryInterval(),
        d.maxForkDepth(), d.tipReorgDepth(), d.blameLedgerLimit()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlightRequests 4 is below minInFlightRequests 8");
  }
}
