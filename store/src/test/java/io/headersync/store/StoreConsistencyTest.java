package io.headersync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.ConsistencyProblem.Kind;
import io.headersync.store.kv.Table;
import io.headersync.store.kv.TableCodec;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.store.testing.SyntheticChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plants each kind of damage below the store's rules and checks that the audit names it. */
class StoreConsistencyTest {

  private static final long SEED = 3;
  private final List<BlockHeader> chain = SyntheticChain.build(SEED, 10);
  private InMemoryHeaderStore store;
  private InMemoryHeaderStore.Database db;

  @BeforeEach
  void tenCanonicalBlocks() {
    store = InMemoryHeaderStore.create(chain.get(0).hash());
    db = store.database();
    WriteBatch batch = new WriteBatch();
    List<BigInteger> tds = SyntheticChain.totalDifficulties(chain, BigInteger.ZERO);
    for (int i = 0; i < chain.size(); i++) {
      batch.putCanonicalHeader(chain.get(i), tds.get(i));
    }
    store.commit(batch.setCheckpoint("headers", 9).setCheckpoint("bodies", 4));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ConsistencyReport expectOnly(Kind kind, long number) {
    ConsistencyReport report = StoreConsistency.check(store);
    assertThat(report.isConsistent()).isFalse();
    assertThat(report.problems()).as(report.toString()).isNotEmpty()
        .allMatch(p -> p.kind() == kind && p.number() == number);
    assertThat(report.toString()).contains("INCONSISTENT").contains(kind.name());
    return report;
  }

  private void reopen() {
    store.close();
    store = InMemoryHeaderStore.open(db, chain.get(0).hash());
  }

  @Test
  void aStoreWrittenThroughItsRulesIsConsistent() {
    ConsistencyReport report = StoreConsistency.check(store);
    assertThat(report.isConsistent()).as(report.toString()).isTrue();
    assertThat(report.blocksChecked()).isEqualTo(10);
    assertThat(report.firstChecked()).isZero();
    assertThat(report.head()).contains(new BlockRef(9, chain.get(9).hash()));
    assertThat(report.toString()).startsWith("store consistent");
  }

  @Test
  void aRangeAuditWalksOnlyTheRangeButLinksItsFirstBlock() {
    ConsistencyReport report = StoreConsistency.check(store, 6);
    assertThat(report.isConsistent()).isTrue();
    assertThat(report.firstChecked()).isEqualTo(6);
    assertThat(report.blocksChecked()).isEqualTo(4);

    db.putRaw(Table.CANONICAL, TableCodec.numberKey(5), SyntheticChain.child(chain.get(4), 99).hash().toArray());
    assertThat(StoreConsistency.check(store, 6).has(Kind.BROKEN_PARENT_LINK)).isTrue();
  }

  @Test
  void aMissingCanonicalEntryIsAGap() {
    db.deleteRaw(Table.CANONICAL, TableCodec.numberKey(5));
    expectOnly(Kind.CANONICAL_GAP, 5);
  }

  @Test
  void aCanonicalHashWithoutItsHeader() {
    db.deleteRaw(Table.HEADERS, TableCodec.numberHashKey(3, chain.get(3).hash()));
    expectOnly(Kind.MISSING_HEADER, 3);
  }

  @Test
  void aNumberIndexThatDisagrees() {
    db.putRaw(Table.HEADER_NUMBERS, chain.get(3).hash().toArray(), TableCodec.numberKey(4));
    expectOnly(Kind.NUMBER_INDEX_MISMATCH, 3);
  }

  @Test
  void headerBytesThatDoNotHashToTheirKey() {
    BlockHeader impostor = SyntheticChain.child(chain.get(6), 99); // also block 7
    db.putRaw(Table.HEADERS, TableCodec.numberHashKey(7, chain.get(7).hash()), impostor.encoded());
    expectOnly(Kind.HASH_MISMATCH, 7);
  }

  @Test
  void headerBytesOfAnotherNumberAreUnreadable() {
    db.putRaw(Table.HEADERS, TableCodec.numberHashKey(7, chain.get(7).hash()), chain.get(6).encoded());
    ConsistencyReport report = expectOnly(Kind.UNREADABLE, 7);
    assertThat(report.problems().get(0).detail()).contains("headers").contains("block 6");
  }

  @Test
  void aCanonicalBlockFromAnotherBranchBreaksTheParentLinkAboveIt() {
    BlockHeader side = SyntheticChain.child(chain.get(4), 99);
    store.commit(new WriteBatch().putHeader(side));
    db.putRaw(Table.CANONICAL, TableCodec.numberKey(5), side.hash().toArray());
    expectOnly(Kind.BROKEN_PARENT_LINK, 6);
  }

  @Test
  void aCanonicalBlockZeroOfAnotherChain() {
    BlockHeader otherGenesis = SyntheticChain.genesis(99);
    db.putRaw(Table.HEADERS, TableCodec.numberHashKey(0, otherGenesis.hash()), otherGenesis.encoded());
    db.putRaw(Table.HEADER_NUMBERS, otherGenesis.hash().toArray(), TableCodec.numberKey(0));
    db.putRaw(Table.CANONICAL, TableCodec.numberKey(0), otherGenesis.hash().toArray());
    reopen();
    ConsistencyReport report = StoreConsistency.check(store);
    assertThat(report.has(Kind.GENESIS_MISMATCH)).isTrue();
    assertThat(report.has(Kind.BROKEN_PARENT_LINK)).as("block 1 links to the real genesis").isTrue();
  }

  @Test
  void aCanonicalEntryAboveTheHead() {
    BlockHeader next = SyntheticChain.child(chain.get(9), SEED);
    db.putRaw(Table.CANONICAL, TableCodec.numberKey(10), next.hash().toArray());
    expectOnly(Kind.CANONICAL_ABOVE_HEAD, 10);
  }

  @Test
  void aHeadThatDisagreesWithTheCanonicalTable() {
    BlockHeader side = SyntheticChain.child(chain.get(8), 99);
    store.commit(new WriteBatch().putHeader(side));
    db.putRaw(Table.CANONICAL, TableCodec.numberKey(9), side.hash().toArray());
    expectOnly(Kind.HEAD_MISMATCH, 9);
  }

  @Test
  void aCheckpointAboveTheHead() {
    store.commit(new WriteBatch().setCheckpoint("bodies", 12));
    expectOnly(Kind.CHECKPOINT_ABOVE_HEAD, 12);
  }

  @Test
  void aCheckpointBelowTheOldestCanonicalBlock() {
    store.close();
    List<BlockHeader> tail = SyntheticChain.extend(chain.get(9), 5, SEED);
    store = InMemoryHeaderStore.create(chain.get(0).hash());
    db = store.database();
    WriteBatch batch = new WriteBatch();
    tail.forEach(h -> batch.putCanonicalHeader(h, null));
    store.commit(batch.setCheckpoint("headers", 3));
    expectOnly(Kind.CHECKPOINT_HEADER_MISSING, 3);
  }

  @Test
  void manyProblemsAreCutShort() {
    store.close();
    List<BlockHeader> longChain = SyntheticChain.build(SEED, 300);
    store = InMemoryHeaderStore.create(longChain.get(0).hash());
    db = store.database();
    WriteBatch batch = new WriteBatch();
    longChain.forEach(h -> batch.putCanonicalHeader(h, null));
    store.commit(batch);
    for (int n = 1; n < 299; n++) {
      db.deleteRaw(Table.CANONICAL, TableCodec.numberKey(n));
    }
    ConsistencyReport report = StoreConsistency.check(store);
    assertThat(report.problems()).hasSize(StoreConsistency.MAX_PROBLEMS);
    assertThat(report.truncated()).isTrue();
    assertThat(report.toString()).contains("more problems not listed");
  }
}
