package io.headersync.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.chain.ForkIdFilter.Outcome;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkIdFilterTest {

  /** Mainnet as EIP-2124 describes it: every fork up to and including Petersburg, and no later one. */
  private static ChainSpec mainnetUpToPetersburg() {
    ChainSpec m = ChainSpecs.preset("mainnet");
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    m.forkActivations().forEach((f, at) -> {
      if (f.ordinal() <= Fork.PETERSBURG.ordinal()) {
        forks.put(f, at);
      }
    });
    return new ChainSpec("mainnet-petersburg", m.chainId(), m.networkId(), m.genesis(), forks, null, Map.of(), m.sealEngine(), m.bootnodes());
  }

  private static void expect(ForkIdFilter filter, long head, long time, ForkId remote, Outcome outcome) {
    ForkIdFilter.Verdict v = filter.validate(remote, head, time);
    assertThat(v.outcome()).as("head %d time %d remote %s: %s", head, time, remote, v.detail()).isEqualTo(outcome);
    assertThat(v.accepted()).isEqualTo(outcome.accepted());
    assertThat(v.detail()).isNotBlank();
  }

  /** EIP-2124's validation table, for a node of mainnet that knows forks up to Petersburg. */
  @Test
  void eip2124ValidationCases() {
    ForkIdFilter f = new ForkIdFilter(mainnetUpToPetersburg());
    // Same fork state, with and without an uncertain future fork.
    expect(f, 7_987_396, 0, ForkId.of(0x668db0af, 0), Outcome.SAME_FORKS);
    expect(f, 7_987_396, 0, ForkId.of(0x668db0af, -1), Outcome.SAME_FORKS);
    expect(f, 7_279_999, 0, ForkId.of(0xa00bc324, 0), Outcome.SAME_FORKS);
    expect(f, 7_279_999, 0, ForkId.of(0xa00bc324, 7_280_000), Outcome.SAME_FORKS);
    expect(f, 7_279_999, 0, ForkId.of(0xa00bc324, -1), Outcome.SAME_FORKS);
    // Remote behind but aware of the next fork.
    expect(f, 7_987_396, 0, ForkId.of(0xa00bc324, 7_280_000), Outcome.REMOTE_SYNCING);
    expect(f, 7_987_396, 0, ForkId.of(0x3edd5b10, 4_370_000), Outcome.REMOTE_SYNCING);
    // Local behind.
    expect(f, 7_279_999, 0, ForkId.of(0x668db0af, 0), Outcome.LOCAL_SYNCING);
    expect(f, 4_369_999, 0, ForkId.of(0xa00bc324, 0), Outcome.LOCAL_SYNCING);
    // Remote needs a software update.
    expect(f, 7_987_396, 0, ForkId.of(0xa00bc324, 0), Outcome.REMOTE_STALE);
    // Local needs a software update, or the remote is on another chain.
    expect(f, 7_987_396, 0, ForkId.of(0x5cddc0e1, 0), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
    expect(f, 7_279_999, 0, ForkId.of(0x5cddc0e1, 0), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
    expect(f, 7_987_396, 0, ForkId.of(0xafec6b27, 0), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
    // The remote announces a fork locally passed without it.
    expect(f, 88_888_888, 0, ForkId.of(0x668db0af, 88_888_888), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
    expect(f, 7_279_999, 0, ForkId.of(0xa00bc324, 7_279_999), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
  }

  /** The same rules across the switch from block-numbered to time-stamped forks. */
  @Test
  void timeBasedForksOnMainnet() {
    ChainSpec mainnet = ChainSpecs.preset("mainnet");
    ForkIdFilter f = new ForkIdFilter(mainnet);
    long shanghai = mainnet.activation(Fork.SHANGHAI).orElseThrow();
    long prague = mainnet.activation(Fork.PRAGUE).orElseThrow();
    long osaka = mainnet.activation(Fork.OSAKA).orElseThrow();
    long grayGlacier = 15_050_000;
    long headBlock = 22_500_000;

    ForkId pragueId = ForkId.of(mainnet, headBlock, prague);
    ForkId osakaId = ForkId.of(mainnet, headBlock, osaka);
    ForkId grayGlacierId = ForkId.of(mainnet, grayGlacier, shanghai - 1);
    assertThat(pragueId.next()).isEqualTo(osaka);
    assertThat(grayGlacierId.next()).isEqualTo(shanghai);
    assertThat(f.local(headBlock, prague)).isEqualTo(pragueId);

    // Local in Prague; remote in Prague and aware (or not) of Osaka.
    expect(f, headBlock, prague + 10, pragueId, Outcome.SAME_FORKS);
    expect(f, headBlock, prague + 10, ForkId.of(pragueId.hash(), 0), Outcome.SAME_FORKS);
    // Local past Osaka; remote still in Prague.
    expect(f, headBlock, osaka + 10, pragueId, Outcome.REMOTE_SYNCING);
    expect(f, headBlock, osaka + 10, ForkId.of(pragueId.hash(), 0), Outcome.REMOTE_STALE);
    expect(f, headBlock, osaka + 10, ForkId.of(pragueId.hash(), osaka + 1), Outcome.REMOTE_STALE);
    // Local syncing in Gray Glacier; remote already past Osaka.
    expect(f, grayGlacier + 5, shanghai - 100, osakaId, Outcome.LOCAL_SYNCING);
    expect(f, grayGlacier + 5, shanghai - 100, grayGlacierId, Outcome.SAME_FORKS);
    // Local in Gray Glacier by block but its head time has passed a fork the remote announces
    // as a timestamp: the remote's next fork is past, yet its checksum says it is not.
    expect(f, grayGlacier + 5, shanghai - 100, ForkId.of(grayGlacierId.hash(), shanghai - 200), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
    // A node of another network.
    expect(f, headBlock, osaka + 10, ForkId.of(ChainSpecs.preset("sepolia"), 9_000_000, osaka + 10), Outcome.LOCAL_INCOMPATIBLE_OR_STALE);
  }

  @Test
  void everyFuturePresetIdIsCompatibleWithItsOwnChainAtAnyHead() {
    for (String name : ChainSpecs.presetNames()) {
      ChainSpec spec = ChainSpecs.preset(name);
      ForkIdFilter f = new ForkIdFilter(spec);
      long[] heads = {0, 1_000_000, 30_000_000};
      long[] times = {spec.genesis().timestamp(), 1_700_000_000L, 2_000_000_000L};
      for (int i = 0; i < heads.length; i++) {
        for (int j = 0; j < heads.length; j++) {
          ForkId remote = ForkId.of(spec, heads[j], times[j]);
          assertThat(f.validate(remote, heads[i], times[i]).accepted())
              .as("%s local (%d, %d) remote %s", name, heads[i], times[i], remote).isTrue();
        }
      }
    }
  }
}
