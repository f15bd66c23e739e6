package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlameLedgerTest {

  private final List<BlockHeader> main = TestChains.main(30);
  private final List<BlockHeader> side = TestChains.extend(main.get(5), 20, 1_000, 4);

  private Optional<Hash> canonical(long n) {
    return n <= 25 ? Optional.of(main.get((int) n).hash()) : Optional.empty();
  }

  @Test
  void namesOncePerAnswerThePeersWhoseHeadersWereOffTheChain() {
    BlameLedger ledger = new BlameLedger(100);
    ledger.record(PeerId.of("honest"), 1, main.get(10));
    ledger.record(PeerId.of("forker"), 2, side.get(3));
    ledger.record(PeerId.of("forker"), 2, side.get(7));
    ledger.record(PeerId.of("forker"), 3, side.get(12));
    ledger.record(PeerId.of("stale"), 4, side.get(18));

    List<BlameLedger.Verdict> verdicts = ledger.judge(25, this::canonical);
    assertThat(verdicts).containsExactly(
        new BlameLedger.Verdict(PeerId.of("forker"), 2, side.get(3).number()),
        new BlameLedger.Verdict(PeerId.of("stale"), 1, side.get(18).number()));
    assertThat(ledger.size()).isZero();
  }

  @Test
  void headersAboveTheTargetOrWhereTheChainIsUnknownAreNotJudged() {
    BlameLedger ledger = new BlameLedger(100);
    ledger.record(PeerId.of("a"), 1, side.get(15));
    ledger.record(PeerId.of("b"), 2, side.get(19));
    assertThat(ledger.judge(20, this::canonical)).isEmpty();
    BlockHeader beyondKnown = TestChains.extend(side.getLast(), 2, 1_000, 4).getLast();
    ledger.record(PeerId.of("b"), 3, beyondKnown);
    assertThat(beyondKnown.number()).isEqualTo(27);
    assertThat(ledger.judge(30, this::canonical)).isEmpty();
  }

  @Test
  void pastItsLimitTheOldestEntriesAreForgotten() {
    BlameLedger ledger = new BlameLedger(2);
    ledger.record(PeerId.of("old"), 1, side.get(1));
    ledger.record(PeerId.of("mid"), 2, side.get(2));
    ledger.record(PeerId.of("new"), 3, side.get(3));
    assertThat(ledger.size()).isEqualTo(2);
    assertThat(ledger.forgotten()).isEqualTo(1);
    assertThat(ledger.judge(25, this::canonical)).extracting(BlameLedger.Verdict::peer)
        .containsExactly(PeerId.of("mid"), PeerId.of("new"));
  }
}
