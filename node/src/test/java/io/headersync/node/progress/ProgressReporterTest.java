package io.headersync.node.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  private static final long SECOND = 1_000_000_000L;

  private long now = 1_000 * SECOND;
  private final List<ProgressSnapshot> shown = new ArrayList<>();

  /** Records what it is shown; updates come once per log interval, as for log lines. */
  private final class Recording implements ProgressOutput {
    @Override
    public void show(ProgressSnapshot s, boolean last) {
      shown.add(s);
    }

    @Override
    public void note(String what, String line) {}

    @Override
    public boolean redraws() {
      return false;
    }
  }

  @Test
  void rateFollowsTheLastWindowNotTheWholeRun() {
    RateWindow w = new RateWindow(30 * SECOND, SECOND / 2);
    long t = 0;
    long count = 0;
    for (int i = 0; i < 120; i++) { // two minutes at 100/s
      t += SECOND;
      count += 100;
      w.record(t, count);
    }
    assertThat(w.perSecond()).isCloseTo(100, within(0.01));
    for (int i = 0; i < 60; i++) { // then one minute at 1,000/s
      t += SECOND;
      count += 1000;
      w.record(t, count);
    }
    assertThat(w.perSecond()).as("the window holds only the fast minute's last 30 s").isCloseTo(1000, within(0.01));
  }

  @Test
  void manyCallsWithinOneResolutionStepKeepTheWindowSmallAndTheRateRight() {
    RateWindow w = new RateWindow(10 * SECOND, SECOND);
    for (long ms = 1; ms <= 60_000; ms++) { // a call every millisecond for a minute, 1 item each
      w.record(ms * 1_000_000, ms);
    }
    assertThat(w.perSecond()).isCloseTo(1000, within(1.0));
  }

  @Test
  void linesComeOncePerIntervalWithRateTotalAndTimeLeft() {
    ProgressReporter p = reporter(new Recording());
    p.total(10_000);
    for (int i = 1; i <= 40; i++) { // 40 updates a quarter-second apart, 50 headers each: 200/s
      now += SECOND / 4;
      p.update(i * 50L, 99 + i * 50L);
    }
    assertThat(shown).as("10 s of updates, one line per 5 s").hasSize(2);
    ProgressSnapshot last = shown.get(1);
    assertThat(last.done()).isEqualTo(2000);
    assertThat(last.total()).isEqualTo(OptionalLong.of(10_000));
    assertThat(last.perSecond()).isCloseTo(200, within(0.5));
    assertThat(last.eta()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(39L, 41L));
    assertThat(last.line()).isEqualTo("import: 2,000/10,000 headers (20.0%), at block 2,099, 200 headers/s, 40s left");
  }

  @Test
  void shortRunsLogNothingAndNoTotalMeansNoTimeLeft() {
    ProgressReporter p = reporter(new Recording());
    now += SECOND;
    p.update(500);
    p.finish();
    assertThat(shown).as("a one-second run is silent in logs").isEmpty();
    assertThat(p.snapshot().eta()).isEmpty();
    assertThat(p.snapshot().line()).isEqualTo("import: 500 headers, 500 headers/s");
  }

  @Test
  void barIsRedrawnInPlaceAndEndsItsLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressOutput bar = ProgressOutput.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    ProgressReporter p = new ProgressReporter("export", ProgressConfig.DEFAULT, bar, () -> now);
    p.total(16_384);
    now += SECOND;
    p.update(8_192);
    now += SECOND;
    p.update(16_384);
    p.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\rexport [###############...............]  50.0% 8,192/16,384 8,192/s 1s left")
        .contains("\rexport [##############################] 100.0% 16,384/16,384 8,192/s 0s left").endsWith("\n");
    assertThat(out.chars().filter(c -> c == '\n').count()).as("one line in all").isEqualTo(1);
  }

  @Test
  void durationsAreShort() {
    assertThat(ProgressSnapshot.duration(Duration.ofSeconds(7))).isEqualTo("7s");
    assertThat(ProgressSnapshot.duration(Duration.ofSeconds(245))).isEqualTo("4m05s");
    assertThat(ProgressSnapshot.duration(Duration.ofSeconds(3720))).isEqualTo("1h02m");
  }

  private ProgressReporter reporter(ProgressOutput output) {
    return new ProgressReporter("import", ProgressConfig.DEFAULT, output, () -> now);
  }
}
