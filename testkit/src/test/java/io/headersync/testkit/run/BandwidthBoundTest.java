package io.headersync.testkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headersync.testkit.sim.ServeLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BandwidthBoundTest {

  @Test
  void aFastLinkWithAFullWindowIsBoundByItsBandwidth() {
    BandwidthBound b = BandwidthBound.of(20, Duration.ofMillis(100), Duration.ZERO, 2_000_000, ServeLimits.DEFAULT, 610, 2);

    // link: 2e6 / 610 = 3278.7; window: 2 * 1024 / (0.1 + 1024 * 610 / 2e6) = 4970.9
    assertThat(b.linkLimited()).isTrue();
    assertThat(b.perPeer()).isCloseTo(2_000_000 / 610.0, within(1e-6));
    assertThat(b.total()).isCloseTo(20 * 2_000_000 / 610.0, within(1e-6));
    assertThat(b.headersPerAnswer()).isEqualTo(1024);
  }

  @Test
  void aLongRoundTripWithOneRequestAtATimeIsBoundByTheWindow() {
    BandwidthBound b = BandwidthBound.of(3, Duration.ofSeconds(1), Duration.ZERO, 10_000_000, ServeLimits.DEFAULT, 500, 1);

    double window = 1024 / (1.0 + 1024 * 500 / 1e7);
    assertThat(b.linkLimited()).isFalse();
    assertThat(b.perPeer()).isCloseTo(window, within(1e-9));
    assertThat(b.total()).isCloseTo(3 * window, within(1e-9));
  }

  @Test
  void theByteLimitCutsHeadersPerAnswerAndJitterCountsByItsMean() {
    ServeLimits small = new ServeLimits(1024, 1024, 100_000);
    BandwidthBound b = BandwidthBound.of(1, Duration.ofMillis(200), Duration.ofMillis(100), 1_000_000_000, small, 600, 2);

    assertThat(b.headersPerAnswer()).isEqualTo(166);
    assertThat(b.perPeer()).isCloseTo(2 * 166 / (0.25 + 166 * 600 / 1e9), within(1e-9));
  }
}
