package io.headersync.store.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.store.testing.SyntheticChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentLinksTest {

  private static final long SEED = 11;

  private static List<BlockHeader> chain(int count) {
    return SyntheticChain.build(SEED, count);
  }

  private static void assertChainIs(List<StoredChain.Entry> found, List<BlockHeader> expected) {
    assertThat(found).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      BlockHeader h = expected.get(i);
      assertThat(found.get(i)).as("block %d", h.number())
          .isEqualTo(new StoredChain.Entry(h.number(), h.hash(), h.parentHash(), h.difficulty()));
    }
  }

  @Test
  void aRecordedStretchIsFoundFromItsTopDownWithParentsAndDifficulties() {
    List<BlockHeader> headers = chain(40);
    RecentLinks links = new RecentLinks(1 << 10);
    for (int n = 39; n >= 10; n--) {
      links.record(headers.get(n));
    }

    assertChainIs(links.chain(10, 39, headers.get(39).hash()), headers.subList(10, 40));
    assertChainIs(links.chain(20, 25, headers.get(25).hash()), headers.subList(20, 26));
  }

  @Test
  void aMissingNumberAWrongTopOrABrokenLinkIsAMiss() {
    List<BlockHeader> headers = chain(40);
    RecentLinks links = new RecentLinks(1 << 10);
    for (int n = 39; n >= 10; n--) {
      if (n != 17) {
        links.record(headers.get(n));
      }
    }
    assertThat(links.chain(10, 39, headers.get(39).hash())).as("block 17 not recorded").isNull();
    assertThat(links.chain(18, 39, headers.get(38).hash())).as("the top's hash is another block's").isNull();
    assertThat(links.chain(9, 20, headers.get(20).hash())).as("below the recorded stretch").isNull();

    // A side header at 30 replaces the walk's there: the walk's chain breaks at 30.
    BlockHeader side = SyntheticChain.child(headers.get(29), SEED + 1);
    links.record(side);
    assertThat(links.chain(18, 39, headers.get(39).hash())).isNull();
    List<BlockHeader> toSide = new ArrayList<>(headers.subList(18, 30));
    toSide.add(side);
    assertChainIs(links.chain(18, 30, side.hash()), toSide);
  }

  @Test
  void slotsDoubleAsTheWalkGrowsAndKeepWhatTheyHeld() {
    int count = 40_000;
    List<BlockHeader> headers = chain(count);
    RecentLinks links = new RecentLinks(1 << 20);
    assertThat(links.slots()).isZero();
    for (int n = count - 1; n >= 1; n--) {
      links.record(headers.get(n));
    }
    assertThat(links.slots()).isEqualTo(1 << 16);
    assertChainIs(links.chain(1, count - 1, headers.get(count - 1).hash()), headers.subList(1, count));
  }

  @Test
  void aWalkLongerThanTheCapacityKeepsItsLowestPart() {
    List<BlockHeader> headers = chain(3_000);
    RecentLinks links = new RecentLinks(1_000);
    for (int n = 2_999; n >= 1; n--) {
      links.record(headers.get(n));
    }
    assertThat(links.slots()).isEqualTo(1_000);
    assertChainIs(links.chain(1, 1_000, headers.get(1_000).hash()), headers.subList(1, 1_001));
    assertThat(links.chain(1_001, 1_500, headers.get(1_500).hash())).as("overwritten by lower blocks").isNull();
    assertThat(links.chain(1, 1_001, headers.get(1_001).hash())).as("longer than the capacity").isNull();
  }

  @Test
  void aDifficultyBeyondALongIsNotRecordedAndClearForgetsAll() {
    List<BlockHeader> headers = chain(5);
    BlockHeader heavy = headers.get(4).toBuilder().difficulty(BigInteger.ONE.shiftLeft(64)).build();
    RecentLinks links = new RecentLinks(64);
    for (int n = 4; n >= 1; n--) {
      links.record(headers.get(n));
    }
    links.record(heavy);
    assertThat(links.chain(4, 4, headers.get(4).hash())).as("the slot the heavy header would take is emptied").isNull();
    assertChainIs(links.chain(1, 3, headers.get(3).hash()), headers.subList(1, 4));

    links.clear();
    assertThat(links.chain(1, 3, headers.get(3).hash())).isNull();
    assertThatThrownBy(() -> new RecentLinks(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new RecentLinks(0).chain(1, 1, headers.get(1).hash())).isNull();
  }

  /** The store's record; the method is the base class's, package-private. */
  private static RecentLinks links(KeyValueHeaderStore store) {
    return store.recentLinks();
  }

  @Test
  void theStoreRecordsWalkedHeadersButNotCanonicalOnesAndForgetsOnUnwindAndDelete() {
    List<BlockHeader> headers = chain(30);
    try (InMemoryHeaderStore store = InMemoryHeaderStore.create(headers.get(0).hash())) {
      WriteBatch canonical = new WriteBatch();
      headers.subList(0, 10).forEach(h -> canonical.putCanonicalHeader(h, null));
      store.commit(canonical);
      assertThat(links(store).slots()).as("canonical headers need no record").isZero();

      WriteBatch walk = new WriteBatch();
      for (int n = 29; n >= 10; n--) {
        walk.putHeader(headers.get(n));
      }
      store.commit(walk);
      Hash top = headers.get(29).hash();
      assertChainIs(links(store).chain(10, 29, top), headers.subList(10, 30));

      store.commit(new WriteBatch().setCanonicalChain(19, headers.get(19).hash()));
      store.unwindTo(15);
      assertThat(links(store).chain(20, 29, top)).as("an unwind removed headers: all records go").isNull();

      store.commit(new WriteBatch().putHeader(headers.get(20)));
      assertThat(links(store).chain(20, 20, headers.get(20).hash())).isNotNull();
      store.commit(new WriteBatch().deleteHeader(headers.get(25).hash()));
      assertThat(links(store).chain(20, 20, headers.get(20).hash())).as("a batch deleted a header").isNull();
    }
  }
}
