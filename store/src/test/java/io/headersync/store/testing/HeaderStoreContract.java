package io.headersync.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.ChainMismatchException;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HeaderStore} must have. An implementation's test extends this class
 * and says how to open its store; each test method gets a fresh, empty location.
 */
public abstract class HeaderStoreContract {

  protected static final long SEED = 7;
  protected static final long FORK_SEED = 8;
  protected static final BlockHeader GENESIS = SyntheticChain.genesis(SEED);

  protected HeaderStore store;

  /**
   * Opens the store at this test's location for the chain of {@code genesis}, creating it on the
   * first call; later calls (after {@link HeaderStore#close()}) reopen the same data.
   */
  protected abstract HeaderStore open(Hash genesis);

  @BeforeEach
  protected void openStore() {
    store = open(GENESIS.hash());
  }

  @AfterEach
  protected void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- helpers ----

  /** Genesis plus {@code count - 1} descendants. */
  protected static List<BlockHeader> chain(int count) {
    return SyntheticChain.build(SEED, count);
  }

  /** Commits {@code headers} as canonical with their total difficulties, in one batch. */
  protected static void commitCanonical(HeaderStore s, List<BlockHeader> headers, BigInteger tdBefore) {
    WriteBatch batch = new WriteBatch();
    List<BigInteger> tds = SyntheticChain.totalDifficulties(headers, tdBefore);
    for (int i = 0; i < headers.size(); i++) {
      batch.putCanonicalHeader(headers.get(i), tds.get(i));
    }
    s.commit(batch);
  }

  private static StoreException rejected(Runnable r) {
    try {
      r.run();
    } catch (StoreException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.REJECTED_WRITE);
      return e;
    }
    throw new AssertionError("expected the write to be rejected");
  }

  private void assertConsistent() {
    ConsistencyReport report = StoreConsistency.check(store);
    assertThat(report.isConsistent()).as(report.toString()).isTrue();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---- an empty store ----

  @Test
  void aNewStoreIsEmptyAndKnowsItsChain() {
    assertThat(store.genesisHash()).isEqualTo(GENESIS.hash());
    assertThat(store.head()).isEmpty();
    assertThat(store.oldestCanonical()).isEmpty();
    assertThat(store.canonicalHash(0)).isEmpty();
    assertThat(store.canonicalHeader(0)).isEmpty();
    assertThat(store.header(GENESIS.hash())).isEmpty();
    assertThat(store.blockNumber(GENESIS.hash())).isEmpty();
    assertThat(store.totalDifficulty(GENESIS.hash())).isEmpty();
    assertThat(store.body(GENESIS.hash())).isEmpty();
    assertThat(store.checkpoint("headers")).isEmpty();
    assertThat(store.checkpoints()).isEmpty();
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
    assertConsistent();
  }

  // ---- round trips ----

  @Test
  void canonicalHeadersRoundTripByHashNumberAndCanonicalIndex() {
    List<BlockHeader> headers = chain(50);
    List<BigInteger> tds = SyntheticChain.totalDifficulties(headers, BigInteger.ZERO);
    commitCanonical(store, headers, BigInteger.ZERO);

    assertThat(store.head()).contains(new BlockRef(49, headers.get(49).hash()));
    assertThat(store.oldestCanonical()).contains(new BlockRef(0, GENESIS.hash()));
    for (int n = 0; n < headers.size(); n++) {
      BlockHeader h = headers.get(n);
      assertThat(store.canonicalHash(n)).contains(h.hash());
      assertThat(store.header(h.hash()).orElseThrow().encoded()).isEqualTo(h.encoded());
      assertThat(store.header(h.hash()).orElseThrow().hash()).isEqualTo(h.hash());
      assertThat(store.canonicalHeader(n).orElseThrow().encoded()).isEqualTo(h.encoded());
      assertThat(store.blockNumber(h.hash())).hasValue(n);
      assertThat(store.totalDifficulty(h.hash())).contains(tds.get(n));
      assertThat(store.totalDifficulty(n, h.hash())).contains(tds.get(n));
      assertThat(store.isCanonical(h.hash())).isTrue();
    }
    assertThat(store.canonicalHash(50)).isEmpty();
    assertThat(store.canonicalHash(-1)).isEmpty();
    assertThat(store.totalDifficulty(-1, GENESIS.hash())).isEmpty();
    assertConsistent();
  }

  @Test
  void aHeaderWithoutTotalDifficultyGetsItLaterAndZeroAndHugeValuesRoundTrip() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    store.commit(new WriteBatch().putCanonicalHeader(GENESIS, null));
    assertThat(store.totalDifficulty(GENESIS.hash())).isEmpty();
    store.commit(new WriteBatch().putTotalDifficulty(GENESIS.hash(), BigInteger.ZERO));
    assertThat(store.totalDifficulty(GENESIS.hash())).contains(BigInteger.ZERO);
    store.commit(new WriteBatch().putTotalDifficulty(GENESIS.hash(), max));
    assertThat(store.totalDifficulty(GENESIS.hash())).contains(max);
    assertThatThrownBy(() -> new WriteBatch().putTotalDifficulty(GENESIS.hash(), max.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNonCanonicalHeaderIsStoredButNotCanonical() {
    List<BlockHeader> headers = chain(10);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader side = SyntheticChain.child(headers.get(5), FORK_SEED);
    store.commit(new WriteBatch().putHeader(side, BigInteger.TEN));

    assertThat(store.header(side.hash()).orElseThrow().encoded()).isEqualTo(side.encoded());
    assertThat(store.blockNumber(side.hash())).hasValue(6);
    assertThat(store.totalDifficulty(side.hash())).contains(BigInteger.TEN);
    assertThat(store.isCanonical(side.hash())).isFalse();
    assertThat(store.canonicalHash(6)).contains(headers.get(6).hash());
    assertThat(store.head().orElseThrow().number()).isEqualTo(9);
    assertConsistent();
  }

  @Test
  void headersPutBeforeTheyBecomeCanonicalCanBeLinkedLater() {
    // A reverse download stores headers high to low, then makes them canonical once the gap closes.
    List<BlockHeader> headers = chain(20);
    commitCanonical(store, headers.subList(0, 5), BigInteger.ZERO);
    for (int n = 19; n >= 5; n--) {
      store.commit(new WriteBatch().putHeader(headers.get(n)));
    }
    assertThat(store.head().orElseThrow().number()).isEqualTo(4);
    WriteBatch link = new WriteBatch();
    for (int n = 5; n < 20; n++) {
      link.setCanonical(n, headers.get(n).hash());
    }
    store.commit(link.setCheckpoint("headers", 19));
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(19));
    assertConsistent();
  }

  @Test
  void aStoredChainBecomesCanonicalInOneChangeChoosingItsBranchAmongSideBranches() {
    List<BlockHeader> headers = chain(40);
    commitCanonical(store, headers.subList(0, 10), BigInteger.ZERO);
    for (int n = 39; n >= 10; n--) {
      store.commit(new WriteBatch().putHeader(headers.get(n)));
    }
    // Side branches at the same numbers, before and inside the range, and one header above its top.
    List<BlockHeader> side = SyntheticChain.extend(headers.get(12), 20, FORK_SEED);
    WriteBatch sides = new WriteBatch();
    side.forEach(sides::putHeader);
    store.commit(sides);

    store.commit(new WriteBatch().setCanonicalChain(25, headers.get(25).hash()).setCheckpoint("headers", 25));
    assertThat(store.head()).contains(new BlockRef(25, headers.get(25).hash()));
    for (int n = 0; n <= 25; n++) {
      assertThat(store.canonicalHash(n)).as("block %d", n).contains(headers.get(n).hash());
    }
    assertThat(store.canonicalHash(26)).isEmpty();
    assertThat(store.isCanonical(side.get(0).hash())).isFalse();
    assertConsistent();

    store.commit(new WriteBatch().setCanonicalChain(25, headers.get(25).hash()));
    assertThat(store.head().orElseThrow().number()).as("re-setting a canonical top changes nothing").isEqualTo(25);
    store.commit(new WriteBatch().setCanonicalChain(39, headers.get(39).hash()));
    assertThat(store.head()).contains(new BlockRef(39, headers.get(39).hash()));
    assertConsistent();
  }

  @Test
  void aStoredChainMadeCanonicalGetsTotalDifficultiesWhenTheHeadHasOne() {
    List<BlockHeader> headers = chain(30);
    List<BigInteger> expected = SyntheticChain.totalDifficulties(headers, BigInteger.valueOf(1000));
    assertThat(headers.get(15).difficulty()).as("the test chain has work to add up").isPositive();
    WriteBatch first = new WriteBatch();
    headers.subList(0, 10).forEach(h -> first.putCanonicalHeader(h, null));
    store.commit(first);
    for (int n = 29; n >= 10; n--) {
      store.commit(new WriteBatch().putHeader(headers.get(n)));
    }

    // A head without a total difficulty gives nothing to add to: none is written.
    store.commit(new WriteBatch().setCanonicalChain(19, headers.get(19).hash()));
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.totalDifficulty(15, headers.get(15).hash())).isEmpty();

    WriteBatch tds = new WriteBatch();
    for (int n = 0; n <= 19; n++) {
      tds.putTotalDifficulty(n, headers.get(n).hash(), expected.get(n));
    }
    store.commit(tds);
    store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash()));
    for (int n = 20; n <= 29; n++) {
      assertThat(store.totalDifficulty(n, headers.get(n).hash())).as("block %d", n).contains(expected.get(n));
    }
    assertConsistent();
  }

  @Test
  void aStoredChainWithAGapOrThatMissesTheHeadIsRefusedAndNothingIsWritten() {
    List<BlockHeader> headers = chain(30);
    commitCanonical(store, headers.subList(0, 10), BigInteger.ZERO);
    for (int n = 29; n >= 10; n--) {
      if (n != 17) {
        store.commit(new WriteBatch().putHeader(headers.get(n)));
      }
    }
    StoreException gap = rejected(() -> store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash())
        .setCheckpoint("headers", 29)));
    assertThat(gap.getMessage()).contains("block 17").contains(headers.get(17).hash().toString());
    assertThat(store.head().orElseThrow().number()).isEqualTo(9);
    assertThat(store.checkpoint("headers")).isEmpty();

    // A stretch whose lowest header is not the head's child: a branch off an older block.
    List<BlockHeader> branch = SyntheticChain.extend(headers.get(7), 6, FORK_SEED);
    WriteBatch put = new WriteBatch();
    branch.forEach(put::putHeader);
    store.commit(put);
    BlockHeader branchTop = branch.getLast();
    StoreException offHead = rejected(() -> store.commit(new WriteBatch().setCanonicalChain(branchTop.number(),
        branchTop.hash())));
    assertThat(offHead.getMessage()).contains("parent");
    rejected(() -> store.commit(new WriteBatch().setCanonicalChain(5, headers.get(29).hash())));
    assertThat(store.head().orElseThrow().number()).isEqualTo(9);
    assertConsistent();
  }

  @Test
  void aStoredChainMayEndInHeadersPutByTheSameBatch() {
    List<BlockHeader> headers = chain(20);
    commitCanonical(store, headers.subList(0, 5), BigInteger.ZERO);
    WriteBatch lower = new WriteBatch();
    for (int n = 5; n < 15; n++) {
      lower.putHeader(headers.get(n));
    }
    store.commit(lower);
    WriteBatch batch = new WriteBatch();
    for (int n = 15; n < 20; n++) {
      batch.putHeader(headers.get(n));
    }
    store.commit(batch.setCanonicalChain(19, headers.get(19).hash()));
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertConsistent();
  }

  @Test
  void aLongStoredChainWithSideHeadersAlongItIsMadeCanonicalWithItsTotalDifficulties() {
    // A stretch as long as the reverse sync's canonical chunks, with side headers along it.
    int stretch = 9_000;
    List<BlockHeader> headers = chain(stretch + 1);
    List<BigInteger> expected = SyntheticChain.totalDifficulties(headers, BigInteger.ONE);
    commitCanonical(store, headers.subList(0, 1), BigInteger.ONE);
    int middle = 1 + stretch / 2;
    int[] forkedAt = {1, 2, middle - 2, middle - 1, middle, middle + 1, stretch - 1};
    WriteBatch stored = new WriteBatch();
    headers.subList(1, stretch + 1).forEach(stored::putHeader);
    List<BlockHeader> sides = new ArrayList<>();
    for (int parent : forkedAt) {
      BlockHeader side = SyntheticChain.child(headers.get(parent - 1), FORK_SEED + parent);
      sides.add(side);
      stored.putHeader(side);
    }
    store.commit(stored);

    store.commit(new WriteBatch().setCanonicalChain(stretch, headers.get(stretch).hash()));

    assertThat(store.head()).contains(new BlockRef(stretch, headers.get(stretch).hash()));
    for (int n = 0; n <= stretch; n++) {
      assertThat(store.canonicalHash(n)).as("block %d", n).contains(headers.get(n).hash());
    }
    for (int n : new int[] {1, middle - 1, middle, middle + 1, stretch}) {
      assertThat(store.totalDifficulty(n, headers.get(n).hash())).as("total difficulty of block %d", n).contains(expected.get(n));
    }
    assertThat(sides).allSatisfy(side -> assertThat(store.isCanonical(side.hash())).as("side header %d", side.number()).isFalse());
    assertConsistent();
  }

  @Test
  void aLongStoredChainWithAGapIsRefusedNamingTheGap() {
    int stretch = 9_000;
    List<BlockHeader> headers = chain(stretch + 1);
    commitCanonical(store, headers.subList(0, 1), BigInteger.ONE);
    int missing = 1_234;
    WriteBatch stored = new WriteBatch();
    headers.subList(1, stretch + 1).stream().filter(h -> h.number() != missing).forEach(stored::putHeader);
    store.commit(stored);

    StoreException gap = rejected(() -> store.commit(new WriteBatch().setCanonicalChain(stretch, headers.get(stretch).hash())));

    assertThat(gap.getMessage()).contains("block " + missing).contains(headers.get(missing).hash().toString());
    assertThat(store.head()).contains(new BlockRef(0, GENESIS.hash()));
    assertConsistent();
  }

  /** Genesis to block 9 canonical, then blocks 29 down to 10 stored as a reverse walk stores them. */
  private List<BlockHeader> canonicalToNineAndAWalkDownToTen() {
    List<BlockHeader> headers = chain(30);
    commitCanonical(store, headers.subList(0, 10), BigInteger.ZERO);
    for (int top = 29; top >= 10; top -= 5) {
      WriteBatch walk = new WriteBatch();
      for (int n = top; n > top - 5; n--) {
        walk.putHeader(headers.get(n));
      }
      store.commit(walk);
    }
    return headers;
  }

  @Test
  void aWalkBatchThatWasRefusedIsNotTakenAsStored() {
    List<BlockHeader> headers = chain(30);
    commitCanonical(store, headers.subList(0, 10), BigInteger.ZERO);
    store.commit(new WriteBatch().putHeader(headers.get(29)).putHeader(headers.get(28)));
    WriteBatch refused = new WriteBatch();
    for (int n = 27; n >= 10; n--) {
      refused.putHeader(headers.get(n));
    }
    BlockHeader unknown = SyntheticChain.child(headers.get(29), FORK_SEED);
    rejected(() -> store.commit(refused.putTotalDifficulty(30, unknown.hash(), BigInteger.TEN)));

    assertMakingTheWalkCanonicalIsRefused(headers, headers.get(27).hash().toString());
  }

  @Test
  void aWalkedHeaderDeletedBeforeThePassIsNotTakenAsStored() {
    List<BlockHeader> headers = canonicalToNineAndAWalkDownToTen();
    store.commit(new WriteBatch().deleteHeader(headers.get(17).hash()));

    assertMakingTheWalkCanonicalIsRefused(headers, "block 17", headers.get(17).hash().toString());
  }

  @Test
  void aWalkedHeaderDeletedByThePassBatchItselfIsNotTakenAsStored() {
    List<BlockHeader> headers = canonicalToNineAndAWalkDownToTen();

    StoreException gap = rejected(() -> store.commit(new WriteBatch().deleteHeader(headers.get(12).hash())
        .setCanonicalChain(29, headers.get(29).hash())));

    assertThat(gap.getMessage()).contains("block 12");
    assertThat(store.header(headers.get(12).hash())).as("nothing of the rejected batch is written").isPresent();
    store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash()));
    assertThat(store.head()).contains(new BlockRef(29, headers.get(29).hash()));
    assertConsistent();
  }

  @Test
  void aStretchUnwoundAfterItsPassIsNotTakenAsStoredAgain() {
    List<BlockHeader> headers = canonicalToNineAndAWalkDownToTen();
    store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash()));
    assertThat(store.unwindTo(9)).isEqualTo(20);

    assertMakingTheWalkCanonicalIsRefused(headers, headers.get(29).hash().toString());
  }

  /** Asks for blocks 10 to 29 to be made canonical on the head at 9; expects a refusal naming each of {@code mentions}, with nothing moved. */
  private void assertMakingTheWalkCanonicalIsRefused(List<BlockHeader> headers, String... mentions) {
    StoreException refused = rejected(() -> store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash())));
    for (String mention : mentions) {
      assertThat(refused.getMessage()).contains(mention);
    }
    assertThat(store.head().orElseThrow().number()).isEqualTo(9);
    assertConsistent();
  }

  @Test
  void aWalkOverwrittenAtOneNumberBySideHeadersIsStillMadeCanonical() {
    List<BlockHeader> headers = canonicalToNineAndAWalkDownToTen();
    List<BlockHeader> sides = SyntheticChain.extend(headers.get(19), 3, FORK_SEED);
    WriteBatch sideBatch = new WriteBatch();
    sides.forEach(sideBatch::putHeader);
    store.commit(sideBatch);

    store.commit(new WriteBatch().setCanonicalChain(29, headers.get(29).hash()));

    for (int n = 10; n <= 29; n++) {
      assertThat(store.canonicalHash(n)).as("block %d", n).contains(headers.get(n).hash());
    }
    assertThat(sides).allSatisfy(side -> assertThat(store.isCanonical(side.hash())).isFalse());
    assertConsistent();
  }

  /** Commits {@code headers} canonical without total difficulties (genesis gets 1) and a side header at block 6, which it returns. */
  private BlockHeader canonicalWithoutTotalDifficultiesAndASideHeaderAt6(List<BlockHeader> headers) {
    WriteBatch b = new WriteBatch();
    headers.forEach(h -> b.putCanonicalHeader(h, null));
    store.commit(b.putTotalDifficulty(0, GENESIS.hash(), BigInteger.ONE));
    BlockHeader side = SyntheticChain.child(headers.get(5), FORK_SEED);
    store.commit(new WriteBatch().putHeader(side));
    return side;
  }

  @Test
  void totalDifficultyByNumberAndHashNeedsTheHeaderAtThatNumber() {
    List<BlockHeader> headers = chain(12);
    BlockHeader side = canonicalWithoutTotalDifficultiesAndASideHeaderAt6(headers);

    WriteBatch tds = new WriteBatch();
    for (int n = 1; n < 12; n++) {
      tds.putTotalDifficulty(n, headers.get(n).hash(), BigInteger.valueOf(n + 1));
    }
    store.commit(tds.putTotalDifficulty(6, side.hash(), BigInteger.valueOf(99)));
    assertThat(store.totalDifficulty(11, headers.get(11).hash())).contains(BigInteger.valueOf(12));
    assertThat(store.totalDifficulty(side.hash())).contains(BigInteger.valueOf(99));

    rejected(() -> store.commit(new WriteBatch().putTotalDifficulty(7, side.hash(), BigInteger.TEN)));
    BlockHeader unknown = SyntheticChain.child(headers.get(11), FORK_SEED);
    StoreException e = rejected(() -> store.commit(new WriteBatch().putTotalDifficulty(3, headers.get(3).hash(), BigInteger.TWO)
        .putTotalDifficulty(12, unknown.hash(), BigInteger.TEN)));
    assertThat(e.getMessage()).contains(unknown.hash().toString());
    assertThat(store.totalDifficulty(3, headers.get(3).hash())).as("nothing of the rejected batch is written")
        .contains(BigInteger.valueOf(4));
    assertConsistent();
  }

  @Test
  void anAscendingRunOfTotalDifficultiesIsCheckedHeaderByHeader() {
    List<BlockHeader> headers = chain(12);
    BlockHeader side = canonicalWithoutTotalDifficultiesAndASideHeaderAt6(headers);

    // ascending numbers with a gap (4), one of them naming the side header at its number
    WriteBatch tds = new WriteBatch();
    for (int n : new int[] {1, 2, 3, 5, 6, 7, 8, 9, 10, 11}) {
      tds.putTotalDifficulty(n, n == 6 ? side.hash() : headers.get(n).hash(), BigInteger.valueOf(n + 1));
    }
    store.commit(tds);
    assertThat(store.totalDifficulty(side.hash())).contains(BigInteger.valueOf(7));
    assertThat(store.totalDifficulty(11, headers.get(11).hash())).contains(BigInteger.valueOf(12));
    assertThat(store.totalDifficulty(4, headers.get(4).hash())).isEmpty();

    BlockHeader unknown = SyntheticChain.child(headers.get(7), FORK_SEED);
    WriteBatch bad = new WriteBatch();
    for (int n = 1; n < 12; n++) {
      bad.putTotalDifficulty(n, n == 8 ? unknown.hash() : headers.get(n).hash(), BigInteger.valueOf(100 + n));
    }
    StoreException e = rejected(() -> store.commit(bad));
    assertThat(e.getMessage()).contains(unknown.hash().toString());
    assertThat(store.totalDifficulty(1, headers.get(1).hash())).as("nothing of the rejected batch is written")
        .contains(BigInteger.TWO);
    assertConsistent();
  }

  @Test
  void aHeaderIsFoundByNumberAndHashWhetherCanonicalOrNot() {
    List<BlockHeader> headers = chain(10);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader side = SyntheticChain.child(headers.get(5), FORK_SEED);
    store.commit(new WriteBatch().putHeader(side));
    assertThat(store.header(6, side.hash()).orElseThrow().encoded()).isEqualTo(side.encoded());
    assertThat(store.header(6, headers.get(6).hash()).orElseThrow().hash()).isEqualTo(headers.get(6).hash());
    assertThat(store.header(7, side.hash())).isEmpty();
    assertThat(store.header(-1, side.hash())).isEmpty();
  }

  @Test
  void aStoreMayBeginAtATrustedHeaderInsteadOfGenesis() {
    List<BlockHeader> headers = SyntheticChain.extend(GENESIS, 1_010, SEED);
    List<BlockHeader> tail = headers.subList(999, 1_009); // blocks 1000..1009
    commitCanonical(store, tail, BigInteger.valueOf(1_000_000));

    assertThat(store.oldestCanonical()).contains(new BlockRef(1_000, tail.get(0).hash()));
    assertThat(store.head()).contains(new BlockRef(1_009, tail.get(9).hash()));
    assertThat(store.canonicalHash(999)).isEmpty();
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
      assertThat(it.next().number()).isEqualTo(1_000);
    }
    assertConsistent();
  }

  @Test
  void bodiesRoundTripAsCopiesAndCanBeDeleted() {
    List<BlockHeader> headers = chain(3);
    commitCanonical(store, headers, BigInteger.ZERO);
    byte[] body = {(byte) 0xc2, (byte) 0xc0, (byte) 0xc0};
    store.commit(new WriteBatch().putBody(headers.get(2).hash(), body));
    byte[] read = store.body(headers.get(2).hash()).orElseThrow();
    assertThat(read).isEqualTo(body);
    read[0] = 0;
    assertThat(store.body(headers.get(2).hash()).orElseThrow()).isEqualTo(body);
    assertThat(store.body(headers.get(1).hash())).isEmpty();

    store.commit(new WriteBatch().deleteBody(headers.get(2).hash()));
    assertThat(store.body(headers.get(2).hash())).isEmpty();
  }

  @Test
  void aBodyLargerThanAnyHeaderRoundTripsWhole() {
    List<BlockHeader> headers = chain(2);
    commitCanonical(store, headers, BigInteger.ZERO);
    // 100 kB: past any fixed read buffer an engine may keep for headers.
    byte[] body = new byte[100_000];
    new java.util.Random(7).nextBytes(body);
    store.commit(new WriteBatch().putBody(headers.get(1).hash(), body));
    assertThat(store.body(headers.get(1).hash()).orElseThrow()).isEqualTo(body);
  }

  @Test
  void checkpointsRoundTripWithTheirBytesAndCanBeOverwrittenAndDeleted() {
    commitCanonical(store, chain(10), BigInteger.ZERO);
    byte[] extra = {1, 2, 3};
    store.commit(new WriteBatch().setCheckpoint("headers", new Checkpoint(5, extra)).setCheckpoint("bodies", 3));
    assertThat(store.checkpoint("headers")).contains(new Checkpoint(5, extra));
    assertThat(store.checkpoint("headers").orElseThrow().extra()).isEqualTo(extra);
    assertThat(store.checkpoint("bodies")).contains(Checkpoint.at(3));
    assertThat(store.checkpoints()).containsExactly(Map.entry("bodies", Checkpoint.at(3)), Map.entry("headers", new Checkpoint(5, extra)));

    store.commit(new WriteBatch().setCheckpoint("headers", 9).deleteCheckpoint("bodies"));
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(9));
    assertThat(store.checkpoint("bodies")).isEmpty();
    assertThat(store.checkpoints()).containsOnlyKeys("headers");
  }

  @Test
  void aLargeBatchOfTenThousandHeadersIsOneCommit() {
    List<BlockHeader> headers = chain(10_000);
    WriteBatch batch = new WriteBatch(20_001);
    List<BigInteger> tds = SyntheticChain.totalDifficulties(headers, BigInteger.ZERO);
    for (int i = 0; i < headers.size(); i++) {
      batch.putCanonicalHeader(headers.get(i), tds.get(i));
    }
    store.commit(batch.setCheckpoint("headers", 9_999));
    assertThat(store.head()).contains(new BlockRef(9_999, headers.get(9_999).hash()));
    assertThat(store.totalDifficulty(headers.get(9_999).hash())).contains(tds.get(9_999));
    assertConsistent();
  }

  @Test
  void deletingANonCanonicalHeaderRemovesItsIndexTotalDifficultyAndBody() {
    List<BlockHeader> headers = chain(5);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader side = SyntheticChain.child(headers.get(3), FORK_SEED);
    store.commit(new WriteBatch().putHeader(side, BigInteger.ONE).putBody(side.hash(), new byte[] {(byte) 0xc0}));
    store.commit(new WriteBatch().deleteHeader(side.hash()));
    assertThat(store.header(side.hash())).isEmpty();
    assertThat(store.blockNumber(side.hash())).isEmpty();
    assertThat(store.totalDifficulty(4, side.hash())).isEmpty();
    assertThat(store.body(side.hash())).isEmpty();
    store.commit(new WriteBatch().deleteHeader(side.hash())); // deleting what is gone changes nothing
    assertConsistent();
  }

  // ---- atomicity and the rules a batch must keep ----

  @Test
  void aBatchRejectedMidwayWritesNothing() {
    List<BlockHeader> headers = chain(200);
    commitCanonical(store, headers.subList(0, 100), BigInteger.ZERO);
    store.commit(new WriteBatch().setCheckpoint("headers", 99));

    WriteBatch batch = new WriteBatch();
    BigInteger td = store.totalDifficulty(headers.get(99).hash()).orElseThrow();
    for (BlockHeader h : headers.subList(100, 150)) {
      td = td.add(h.difficulty());
      batch.putCanonicalHeader(h, td);
      batch.putBody(h.hash(), new byte[] {(byte) 0xc0});
    }
    batch.setCheckpoint("headers", 149);
    batch.setCanonical(151, headers.get(151).hash()); // unknown header, and a gap
    rejected(() -> store.commit(batch));

    assertThat(store.head()).contains(new BlockRef(99, headers.get(99).hash()));
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(99));
    for (BlockHeader h : headers.subList(100, 150)) {
      assertThat(store.header(h.hash())).isEmpty();
      assertThat(store.blockNumber(h.hash())).isEmpty();
      assertThat(store.body(h.hash())).isEmpty();
      assertThat(store.canonicalHash(h.number())).isEmpty();
    }
    assertConsistent();

    // The store still takes a correct batch afterwards.
    commitCanonical(store, headers.subList(100, 200), store.totalDifficulty(headers.get(99).hash()).orElseThrow());
    assertThat(store.head().orElseThrow().number()).isEqualTo(199);
  }

  @Test
  void theCanonicalChainCannotGetAGap() {
    List<BlockHeader> headers = chain(10);
    commitCanonical(store, headers.subList(0, 5), BigInteger.ZERO);
    StoreException e = rejected(() -> store.commit(new WriteBatch().putCanonicalHeader(headers.get(6), null)));
    assertThat(e.getMessage()).contains("gap").contains("head is 4");
    assertThat(e.table()).isEqualTo("canonical");
  }

  @Test
  void aCanonicalHeaderMustLinkToTheHead() {
    List<BlockHeader> headers = chain(5);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader orphan = SyntheticChain.child(SyntheticChain.child(headers.get(2), FORK_SEED), FORK_SEED); // number 4 on a fork
    BlockHeader wrongParent = SyntheticChain.child(orphan, FORK_SEED); // number 5, parent not the head
    StoreException e = rejected(() -> store.commit(new WriteBatch().putCanonicalHeader(wrongParent, null)));
    assertThat(e.getMessage()).contains("parent");
  }

  @Test
  void anUnknownHeaderOrAWrongNumberCannotBecomeCanonical() {
    List<BlockHeader> headers = chain(3);
    commitCanonical(store, headers.subList(0, 2), BigInteger.ZERO);
    rejected(() -> store.commit(new WriteBatch().setCanonical(2, headers.get(2).hash())));
    store.commit(new WriteBatch().putHeader(headers.get(2)));
    StoreException e = rejected(() -> store.commit(new WriteBatch().setCanonical(3, headers.get(2).hash())));
    assertThat(e.getMessage()).contains("is block 2, not 3");
  }

  @Test
  void replacingACanonicalBlockNeedsAnUnwindButReSettingTheSameHashIsHarmless() {
    List<BlockHeader> headers = chain(6);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader side = SyntheticChain.child(headers.get(2), FORK_SEED);
    store.commit(new WriteBatch().putHeader(side));
    StoreException e = rejected(() -> store.commit(new WriteBatch().setCanonical(3, side.hash())));
    assertThat(e.getMessage()).contains("unwind");

    commitCanonical(store, headers, BigInteger.ZERO); // a retried batch
    assertThat(store.head()).contains(new BlockRef(5, headers.get(5).hash()));
    assertConsistent();
  }

  @Test
  void blockZeroMustBeTheStoresGenesis() {
    BlockHeader otherGenesis = SyntheticChain.genesis(99);
    StoreException e = rejected(() -> store.commit(new WriteBatch().putCanonicalHeader(otherGenesis, null)));
    assertThat(e.getMessage()).contains(GENESIS.hash().toString());
    assertThat(store.header(otherGenesis.hash())).isEmpty();
  }

  @Test
  void totalDifficultyAndBodiesNeedAKnownHeader() {
    BlockHeader unknown = chain(2).get(1);
    rejected(() -> store.commit(new WriteBatch().putTotalDifficulty(unknown.hash(), BigInteger.ONE)));
    rejected(() -> store.commit(new WriteBatch().putBody(unknown.hash(), new byte[] {(byte) 0xc0})));
  }

  @Test
  void aCanonicalHeaderCannotBeDeleted() {
    commitCanonical(store, chain(3), BigInteger.ZERO);
    Hash h = store.canonicalHash(1).orElseThrow();
    StoreException e = rejected(() -> store.commit(new WriteBatch().deleteHeader(h)));
    assertThat(e.getMessage()).contains("unwind to 0");
    assertThat(store.header(h)).isPresent();
  }

  // ---- unwinding ----

  /** A chain of 20 with bodies, a side header at 15, and checkpoints at 19, 12 and 5. */
  private List<BlockHeader> unwindFixture() {
    List<BlockHeader> headers = chain(20);
    commitCanonical(store, headers, BigInteger.ZERO);
    WriteBatch extras = new WriteBatch();
    for (BlockHeader h : headers) {
      extras.putBody(h.hash(), new byte[] {(byte) 0xc0});
    }
    BlockHeader side = SyntheticChain.child(headers.get(14), FORK_SEED);
    extras.putHeader(side, BigInteger.ONE);
    extras.setCheckpoint("headers", new Checkpoint(19, ascii("tip")))
        .setCheckpoint("bodies", new Checkpoint(12, ascii("mid")))
        .setCheckpoint("senders", new Checkpoint(5, ascii("low")));
    store.commit(extras);
    return headers;
  }

  @Test
  void unwindingBelowTheHeadRemovesTheBlocksAboveAndLowersCheckpoints() {
    List<BlockHeader> headers = unwindFixture();
    BlockHeader side = SyntheticChain.child(headers.get(14), FORK_SEED);

    assertThat(store.unwindTo(10)).isEqualTo(9);

    assertThat(store.head()).contains(new BlockRef(10, headers.get(10).hash()));
    for (BlockHeader h : headers.subList(11, 20)) {
      assertThat(store.canonicalHash(h.number())).isEmpty();
      assertThat(store.header(h.hash())).isEmpty();
      assertThat(store.blockNumber(h.hash())).isEmpty();
      assertThat(store.totalDifficulty(h.number(), h.hash())).isEmpty();
      assertThat(store.body(h.hash())).isEmpty();
    }
    for (BlockHeader h : headers.subList(0, 11)) {
      assertThat(store.canonicalHash(h.number())).contains(h.hash());
      assertThat(store.body(h.hash())).isPresent();
    }
    assertThat(store.header(side.hash())).as("a header that was never canonical is kept").isPresent();
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(10));
    assertThat(store.checkpoint("bodies")).contains(Checkpoint.at(10));
    assertThat(store.checkpoint("senders")).contains(new Checkpoint(5, ascii("low")));
    assertConsistent();

    // The chain grows again from the unwind point, here along another branch.
    List<BlockHeader> branch = SyntheticChain.extend(headers.get(10), 5, FORK_SEED);
    commitCanonical(store, branch, store.totalDifficulty(headers.get(10).hash()).orElseThrow());
    assertThat(store.head()).contains(new BlockRef(15, branch.get(4).hash()));
    assertConsistent();
  }

  @Test
  void unwindingToTheHeadRemovesNothing() {
    List<BlockHeader> headers = unwindFixture();
    assertThat(store.unwindTo(19)).isZero();
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.checkpoint("headers")).contains(new Checkpoint(19, ascii("tip")));
    assertConsistent();
  }

  @Test
  void unwindingAboveTheHeadOnlyLowersCheckpointsAboveIt() {
    List<BlockHeader> headers = unwindFixture();
    store.commit(new WriteBatch().setCheckpoint("stray", 30)); // not a consistent state; unwind repairs it
    assertThat(store.unwindTo(25)).isZero();
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.checkpoint("stray")).contains(Checkpoint.at(25));
    assertThat(store.checkpoint("headers")).contains(new Checkpoint(19, ascii("tip")));
  }

  @Test
  void unwindingToGenesisKeepsOnlyGenesis() {
    unwindFixture();
    assertThat(store.unwindTo(0)).isEqualTo(19);
    assertThat(store.head()).contains(new BlockRef(0, GENESIS.hash()));
    assertThat(store.oldestCanonical()).contains(new BlockRef(0, GENESIS.hash()));
    assertThat(store.checkpoints().values()).isNotEmpty().allMatch(c -> c.number() == 0 && c.extraLength() == 0);
    assertConsistent();
    assertThatThrownBy(() -> store.unwindTo(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unwindingBelowATrustedStartEmptiesTheCanonicalChain() {
    List<BlockHeader> headers = SyntheticChain.extend(GENESIS, 30, SEED);
    commitCanonical(store, headers.subList(19, 30), BigInteger.ONE); // blocks 20..30
    assertThat(store.unwindTo(10)).isEqualTo(11);
    assertThat(store.head()).isEmpty();
    assertThat(store.oldestCanonical()).isEmpty();
    assertConsistent();
    commitCanonical(store, headers.subList(4, 8), BigInteger.ONE); // a new start at 5
    assertThat(store.oldestCanonical().orElseThrow().number()).isEqualTo(5);
  }

  // ---- iteration ----

  @Test
  void canonicalHeadersIterateInAscendingOrderFromAnyNumber() {
    List<BlockHeader> headers = chain(1_500);
    commitCanonical(store, headers, BigInteger.ZERO);
    store.commit(new WriteBatch().putHeader(SyntheticChain.child(headers.get(700), FORK_SEED)));
    // Side headers on either side of canonical ones in key order, which a walk must step over.
    WriteBatch sides = new WriteBatch();
    for (int n = 100; n < 140; n++) {
      sides.putHeader(SyntheticChain.child(headers.get(n), FORK_SEED + n));
    }
    store.commit(sides);

    List<BlockHeader> all = new ArrayList<>();
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
      it.forEachRemaining(all::add);
    }
    assertThat(all).extracting(BlockHeader::hash).containsExactlyElementsOf(headers.stream().map(BlockHeader::hash).toList());

    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(1_200)) {
      assertThat(it.next().hash()).isEqualTo(headers.get(1_200).hash());
      assertThat(it.next().number()).isEqualTo(1_201);
    }
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(1_500)) {
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void aWalkNeverYieldsANonContiguousRun() {
    List<BlockHeader> headers = chain(40);
    commitCanonical(store, headers.subList(0, 30), BigInteger.ZERO);
    List<Long> numbers = new ArrayList<>();
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(5)) {
      numbers.add(it.next().number());
      store.unwindTo(20);
      commitCanonical(store, SyntheticChain.extend(headers.get(20), 15, FORK_SEED), BigInteger.ONE);
      BlockHeader previous = null;
      while (it.hasNext()) {
        BlockHeader h = it.next();
        numbers.add(h.number());
        if (previous != null) {
          assertThat(h.parentHash()).isEqualTo(previous.hash());
        }
        previous = h;
      }
    }
    for (int i = 1; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
    }
    assertThat(numbers.get(0)).isEqualTo(5);
  }

  // ---- identity, reopening, closing ----

  @Test
  void reopeningKeepsEverythingCommitted() {
    List<BlockHeader> headers = unwindFixture();
    store.close();
    store = open(GENESIS.hash());
    assertThat(store.genesisHash()).isEqualTo(GENESIS.hash());
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.oldestCanonical()).contains(new BlockRef(0, GENESIS.hash()));
    assertThat(store.checkpoint("bodies")).contains(new Checkpoint(12, ascii("mid")));
    assertThat(store.totalDifficulty(headers.get(19).hash()))
        .contains(SyntheticChain.totalDifficulties(headers, BigInteger.ZERO).get(19));
    assertConsistent();
  }

  @Test
  void aFlushKeepsEverythingReadableAndLaterWritesGoOn() {
    List<BlockHeader> headers = unwindFixture();
    store.flush();
    store.flush(); // nothing new to move: harmless
    assertThat(store.head()).contains(new BlockRef(19, headers.get(19).hash()));
    assertThat(store.header(headers.get(7).hash())).contains(headers.get(7));
    List<BlockHeader> more = SyntheticChain.extend(headers.get(19), 5, SEED + 7);
    commitCanonical(store, more, SyntheticChain.totalDifficulties(headers, BigInteger.ZERO).get(19));
    assertThat(store.head()).contains(new BlockRef(24, more.getLast().hash()));
    assertConsistent();
  }

  @Test
  void openingTheStoreOfAnotherChainFailsNamingBothGenesisHashes() {
    commitCanonical(store, chain(3), BigInteger.ZERO);
    store.close();
    store = null;
    Hash other = SyntheticChain.genesis(12345).hash();
    assertThatThrownBy(() -> open(other))
        .isInstanceOfSatisfying(ChainMismatchException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CHAIN_MISMATCH);
          assertThat(e.storedGenesis()).isEqualTo(GENESIS.hash());
          assertThat(e.requestedGenesis()).isEqualTo(other);
        })
        .hasMessageContaining(GENESIS.hash().toString())
        .hasMessageContaining(other.toString());
    store = open(GENESIS.hash()); // the refusal changed nothing
    assertThat(store.head().orElseThrow().number()).isEqualTo(2);
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    commitCanonical(store, chain(3), BigInteger.ZERO);
    CloseableIterator<BlockHeader> open = store.canonicalHeaders(0);
    store.close();
    store.close(); // idempotent
    assertThat(open.hasNext()).as("closing the store closes its iterators").isFalse();
    open.close();
    for (Runnable call : List.<Runnable>of(
        () -> store.head(), () -> store.canonicalHash(0), () -> store.header(GENESIS.hash()),
        () -> store.checkpoints(), () -> store.unwindTo(0), () -> store.canonicalHeaders(0), store::flush,
        () -> store.commit(new WriteBatch().setCheckpoint("x", 0)))) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(StoreException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    }
    store = null;
  }

  // ---- a reorganisation in one write ----

  @Test
  void unwindCanonicalInABatchReplacesTheBranchAtomicallyAndKeepsTheOldHeaders() {
    List<BlockHeader> headers = chain(10);
    commitCanonical(store, headers, BigInteger.ZERO);
    store.commit(new WriteBatch().setCheckpoint("headers", 9).setCheckpoint("bodies", Checkpoint.at(9)).setCheckpoint("low", 3));
    List<BigInteger> tds = SyntheticChain.totalDifficulties(headers, BigInteger.ZERO);
    List<BlockHeader> branch = SyntheticChain.extend(headers.get(5), 6, FORK_SEED); // #6..#11
    WriteBatch reorg = new WriteBatch().unwindCanonicalTo(5);
    BigInteger td = tds.get(5);
    for (BlockHeader h : branch) {
      td = td.add(h.difficulty());
      reorg.putCanonicalHeader(h, td);
    }
    reorg.setCheckpoint("headers", 11);
    store.commit(reorg);

    assertThat(store.head()).contains(new BlockRef(11, branch.getLast().hash()));
    for (int i = 6; i <= 9; i++) {
      BlockHeader old = headers.get(i);
      assertThat(store.isCanonical(old.hash())).as("old #" + i).isFalse();
      assertThat(store.header(old.hash())).as("old #" + i + " stays stored").contains(old);
      assertThat(store.totalDifficulty(old.hash())).contains(tds.get(i));
      assertThat(store.canonicalHash(i)).contains(branch.get(i - 6).hash());
    }
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(11));
    assertThat(store.checkpoint("bodies")).as("lowered to the fork point").contains(Checkpoint.at(5));
    assertThat(store.checkpoint("low")).contains(Checkpoint.at(3));
    assertConsistent();

    // and back again: the demoted headers can become canonical once more without being put again
    WriteBatch back = new WriteBatch().unwindCanonicalTo(5);
    for (int i = 6; i <= 9; i++) {
      back.setCanonical(i, headers.get(i).hash());
    }
    store.commit(back);
    assertThat(store.head()).contains(new BlockRef(9, headers.get(9).hash()));
    assertThat(store.isCanonical(branch.getFirst().hash())).isFalse();
    assertConsistent();
  }

  @Test
  void aRejectedReorganisationWritesNothing() {
    List<BlockHeader> headers = chain(8);
    commitCanonical(store, headers, BigInteger.ZERO);
    BlockHeader wrongParent = SyntheticChain.child(SyntheticChain.child(headers.get(2), FORK_SEED), FORK_SEED); // #4, parent not #3
    rejected(() -> store.commit(new WriteBatch().unwindCanonicalTo(3).putCanonicalHeader(wrongParent, BigInteger.ONE)));
    assertThat(store.head()).contains(new BlockRef(7, headers.get(7).hash()));
    assertThat(store.canonicalHash(5)).contains(headers.get(5).hash());
    assertConsistent();
  }

  @Test
  void unwindCanonicalRefusesToGoBelowTheOldestCanonicalBlock() {
    List<BlockHeader> headers = chain(8);
    List<BlockHeader> upper = headers.subList(3, 8);
    commitCanonical(store, upper, BigInteger.TEN);
    StoreException e = rejected(() -> store.commit(new WriteBatch().unwindCanonicalTo(1)));
    assertThat(e).hasMessageContaining("oldest canonical");
    assertThat(store.head()).contains(new BlockRef(7, headers.get(7).hash()));
  }

  @Test
  void unwindCanonicalTrimsWhatTheSameBatchMadeCanonical() {
    List<BlockHeader> headers = chain(6);
    commitCanonical(store, headers.subList(0, 3), BigInteger.ZERO);
    WriteBatch batch = new WriteBatch();
    batch.putCanonicalHeader(headers.get(3), null).putCanonicalHeader(headers.get(4), null).unwindCanonicalTo(3);
    store.commit(batch);
    assertThat(store.head()).contains(new BlockRef(3, headers.get(3).hash()));
    assertThat(store.header(headers.get(4).hash())).contains(headers.get(4));
    assertThat(store.canonicalHash(4)).isEmpty();
    assertConsistent();
  }
}
