package io.headersync.sync.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerReputationTest {

  private final ManualScheduler clock = new ManualScheduler();
  private final PeerId peer = PeerId.of("p");

  @Test
  void eachOffenceCostsItsOwnAmount() {
    ReputationConfig c = ReputationConfig.DEFAULT;
    PeerReputation r = new PeerReputation(c, clock);
    int expected = 0;
    for (Offence o : Offence.values()) {
      expected -= r.cost(o);
      assertThat(r.penalise(peer, o).score()).isEqualTo(expected);
    }
    assertThat(r.cost(Offence.BAD_MESSAGE)).isGreaterThan(r.cost(Offence.WRONG_DATA));
    assertThat(r.cost(Offence.WRONG_DATA)).isGreaterThan(r.cost(Offence.TIMEOUT));
    assertThat(r.cost(Offence.TIMEOUT)).isGreaterThan(r.cost(Offence.USELESS_RESPONSE));
  }

  @Test
  void banLastsItsDurationThenTheScoreStartsOver() {
    PeerReputation r = new PeerReputation(ReputationConfig.DEFAULT, clock);
    assertThat(r.penalise(peer, Offence.BAD_MESSAGE).banned()).isFalse();
    assertThat(r.penalise(peer, Offence.BAD_MESSAGE).banned()).isFalse();
    PeerReputation.Penalty third = r.penalise(peer, Offence.BAD_MESSAGE);
    assertThat(third.banned()).isTrue();
    assertThat(third.score()).isEqualTo(-150);
    assertThat(r.banExpiry(peer)).contains(clock.nanoTime() + Duration.ofMinutes(30).toNanos());

    clock.advance(Duration.ofMinutes(30).minusNanos(1));
    assertThat(r.isBanned(peer)).isTrue();
    clock.advance(Duration.ofNanos(1));
    assertThat(r.isBanned(peer)).isFalse();
    assertThat(r.score(peer)).isZero();
  }

  @Test
  void protectedPeersAreNeverBanned() {
    PeerReputation r = new PeerReputation(ReputationConfig.DEFAULT, clock, p -> p.equals(peer));
    for (int i = 0; i < 10; i++) {
      assertThat(r.penalise(peer, Offence.BAD_MESSAGE).banned()).isFalse();
    }
    assertThat(r.isBanned(peer)).isFalse();
  }

  @Test
  void remembersABoundedNumberOfPeers() {
    ReputationConfig small = new ReputationConfig(50, 25, 10, 5, 1, 50, -100, Duration.ofMinutes(30), 3);
    PeerReputation r = new PeerReputation(small, clock);
    for (int i = 0; i < 10; i++) {
      r.penalise(PeerId.of("p" + i), Offence.TIMEOUT);
    }
    assertThat(r.rememberedPeers()).isEqualTo(3);
    assertThat(r.score(PeerId.of("p9"))).isEqualTo(-10);
    assertThat(r.score(PeerId.of("p0"))).isZero();
  }
}
