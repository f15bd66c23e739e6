package io.headersync.sync.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {

  private static final SchedulerConfig CONFIG = new SchedulerConfig(2, 100, 3, Duration.ofSeconds(60), Duration.ofSeconds(2),
      Duration.ofMillis(100), Duration.ofSeconds(4), 4, Duration.ofSeconds(1), Duration.ofSeconds(30), ReputationConfig.DEFAULT);

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  @Test
  void startsAtTheInitialTimeOut() {
    RttEstimator e = new RttEstimator(CONFIG);
    assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e.smoothedNanos()).isEmpty();
  }

  @Test
  void smoothsLikeRfc6298() {
    RttEstimator e = new RttEstimator(CONFIG);
    e.sample(ms(200));
    assertThat(e.timeoutNanos()).isEqualTo(ms(200 + 4 * 100));
    e.sample(ms(200)); // variation shrinks by a quarter: 75
    assertThat(e.timeoutNanos()).isEqualTo(ms(200 + 4 * 75));
    e.sample(ms(600)); // variation 75 + (400 - 75)/4 = 156.25; smoothed 200 + 400/8 = 250
    assertThat(e.smoothedNanos()).hasValue(ms(250));
    assertThat(e.timeoutNanos()).isEqualTo(ms(250) + 4 * (ms(75) + (ms(400) - ms(75)) / 4));
  }

  @Test
  void backOffDoublesUpToTheBoundAndASampleResets() {
    RttEstimator e = new RttEstimator(CONFIG);
    e.sample(ms(200));
    e.backOff();
    assertThat(e.timeoutNanos()).isEqualTo(ms(1200));
    e.backOff();
    e.backOff();
    assertThat(e.timeout()).isEqualTo(CONFIG.maxTimeout());
    e.sample(ms(200));
    assertThat(e.timeoutNanos()).isLessThan(ms(1200));
  }

  @Test
  void neverBelowTheLowerBound() {
    RttEstimator e = new RttEstimator(CONFIG);
    e.sample(ms(1));
    assertThat(e.timeout()).isEqualTo(CONFIG.minTimeout());
  }
}
