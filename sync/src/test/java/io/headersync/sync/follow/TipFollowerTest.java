package io.headersync.sync.follow;

import static io.headersync.sync.follow.FollowBlocks.child;
import static io.headersync.sync.follow.FollowBlocks.extend;
import static io.headersync.sync.follow.FollowBlocks.genesis;
import static io.headersync.sync.follow.FollowBlocks.invalidChild;
import static io.headersync.sync.follow.FollowBlocks.storeWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.testing.ManualScheduler;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The follower as a state machine over a scripted downloader and an in-memory store: extension,
 * gaps, reorganisations both ways with the old branch kept, fork choice under each rule and its
 * ties, invalid branches and false total difficulty, hand-backs, the bodies window, restarts.
 */
class TipFollowerTest {

  private static final PeerId HONEST = PeerId.of("honest");
  private static final PeerId LIAR = PeerId.of("liar");

  private final ManualScheduler loop = new ManualScheduler();
  private final ScriptedDownloader net = new ScriptedDownloader();
  private final List<String> reports = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<SyncTarget> handbacks = new ArrayList<>();

  private TipFollower follow(HeaderStore store, FollowConfig config) {
    TipFollower f = new TipFollower(config, store, loop, FollowBlocks.RULES, net,
        (peer, offence, detail) -> reports.add(peer + " " + offence + ": " + detail), (target, reason) -> handbacks.add(target));
    f.addListener(new FollowListener() {
      @Override
      public void newHead(BlockHeader head) {
        events.add("head #" + head.number());
      }

      @Override
      public void reorg(BlockRef forkPoint, List<BlockHeader> removed, List<BlockHeader> added) {
        events.add("reorg at #" + forkPoint.number() + " -" + removed.size() + " +" + added.size());
      }
    });
    f.start();
    return f;
  }

  /** Lets the network answer everything asked until nothing more is asked. */
  private void settle() {
    for (int i = 0; i < 50; i++) {
      int before = net.requests.size();
      net.answer();
      loop.runDue();
      if (net.requests.size() == before) {
        return;
      }
    }
    throw new AssertionError("still asking after 50 rounds: " + net.requests);
  }

  private static void announce(TipFollower f, PeerId peer, Block b) {
    f.blockAnnounced(peer, new BlockAnnouncement(b.hash(), b.number(), Optional.empty()));
  }

  private static List<Block> concat(List<Block> a, List<Block> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static void assertCanonical(HeaderStore store, List<Block> chain) {
    for (Block b : chain) {
      assertThat(store.canonicalHash(b.number())).as("canonical #" + b.number()).contains(b.hash());
    }
    assertThat(store.head().orElseThrow().hash()).isEqualTo(chain.getLast().hash());
  }

  // ---------------------------------------------------------------- extension

  @Test
  void aChildOfTheHeadIsAskedForByHashCheckedAndMadeCanonical() {
    Block g = genesis(100);
    InMemoryHeaderStore store = storeWith(List.of(g));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    Block one = child(g, 100, "main");
    net.serve(List.of(one));

    announce(f, HONEST, one);
    assertThat(net.requests).containsExactly(new ScriptedDownloader.ByHash(java.util.Set.of(one.hash())));
    settle();

    assertCanonical(store, List.of(g, one));
    assertThat(store.totalDifficulty(one.hash())).contains(BigInteger.valueOf(200));
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(1));
    assertThat(store.checkpoint("total-difficulty")).contains(Checkpoint.at(1));
    assertThat(events).containsExactly("head #1");
    assertThat(f.stats().blocksAdded()).isEqualTo(1);
  }

  @Test
  void aGapIsOneRangeEndingAtTheAnnouncedHeadAndEveryNewHeadIsHeardInOrder() {
    Block g = genesis(100);
    InMemoryHeaderStore store = storeWith(List.of(g));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> next = extend(g, 5, 100, "main");
    net.serve(next);

    announce(f, HONEST, next.getLast());
    assertThat(net.requests).containsExactly(new ScriptedDownloader.Range(next.getLast().hash(), 5));
    settle();

    assertCanonical(store, concat(List.of(g), next));
    assertThat(events).containsExactly("head #1", "head #2", "head #3", "head #4", "head #5");
  }

  // ---------------------------------------------------------------- reorganisations

  @Test
  void aHeavierBranchBelowTheHeadIsFoundByWalkingBackAndReplacesTheOldOneInOneWrite() {
    Block g = genesis(100);
    List<Block> main = extend(g, 6, 100, "main"); // #1..#6
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> branch = extend(main.get(2), 4, 100, "side"); // #4'..#7' on #3: one block more work
    net.serve(branch);

    announce(f, HONEST, branch.getLast());
    settle();

    assertCanonical(store, concat(concat(List.of(g), main.subList(0, 3)), branch));
    for (Block old : main.subList(3, 6)) {
      assertThat(store.isCanonical(old.hash())).isFalse();
      assertThat(store.header(old.hash())).as("the old branch stays stored").contains(old.header());
    }
    assertThat(store.totalDifficulty(branch.getLast().hash())).contains(BigInteger.valueOf(800));
    assertThat(events).containsExactly("reorg at #3 -3 +4", "head #7");
    assertThat(f.stats().reorgs()).isEqualTo(1);
    assertThat(f.stats().deepestReorg()).isEqualTo(3);
  }

  @Test
  void theOldBranchComesBackWhenItBecomesHeavierAgainFromTheStoredSideBranch() {
    Block g = genesis(100);
    List<Block> main = extend(g, 4, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> branch = extend(main.get(1), 3, 100, "side"); // #3'..#5'
    net.serve(branch);
    announce(f, HONEST, branch.getLast());
    settle();
    assertThat(store.head().orElseThrow().hash()).isEqualTo(branch.getLast().hash());

    List<Block> mainMore = extend(main.getLast(), 2, 100, "main"); // #5, #6 on the old branch
    net.serve(mainMore);
    int asked = net.requests.size();
    announce(f, HONEST, mainMore.getLast());
    settle();

    assertCanonical(store, concat(concat(List.of(g), main), mainMore));
    assertThat(net.requests.subList(asked, net.requests.size()))
        .as("the new head by hash, then one walk back from its parent down to the oldest block a reorganisation may reach")
        .containsExactly(new ScriptedDownloader.ByHash(java.util.Set.of(mainMore.getLast().hash())),
            new ScriptedDownloader.Range(mainMore.getFirst().hash(), 5));
    assertThat(events).endsWith("reorg at #2 -3 +4", "head #6");
  }

  @Test
  void aLighterOrEqualBranchStaysASideBranch() {
    Block g = genesis(100);
    List<Block> main = extend(g, 4, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> equal = extend(main.get(1), 2, 100, "equal"); // #3', #4': same work as #3, #4
    List<Block> lighter = extend(main.get(0), 3, 90, "lighter"); // #2''..#4'': less work
    net.serve(concat(equal, lighter));

    announce(f, HONEST, equal.getLast());
    announce(f, PeerId.of("other"), lighter.getLast());
    settle();

    assertCanonical(store, concat(List.of(g), main));
    assertThat(events).isEmpty();
    assertThat(f.stats().sideHeaders()).isEqualTo(5);
  }

  @Test
  void aFalseTotalDifficultyInAnAnnouncementIsReportedAndChangesNothing() {
    Block g = genesis(100);
    List<Block> main = extend(g, 3, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> lighter = extend(main.get(0), 2, 50, "lighter");
    net.serve(lighter);

    f.blockAnnounced(LIAR, new BlockAnnouncement(lighter.getLast().hash(), 3, Optional.of(BigInteger.valueOf(1_000_000))));
    settle();

    assertCanonical(store, concat(List.of(g), main));
    assertThat(reports).singleElement().asString().startsWith("liar WRONG_DATA: announced total difficulty 1000000")
        .contains("whose total difficulty is 300");
  }

  // ---------------------------------------------------------------- invalid branches

  @Test
  void anInvalidBranchIsNeverCanonicalItsAnnouncersAreReportedAndItIsNotDownloadedAgain() {
    Block g = genesis(100);
    List<Block> main = extend(g, 3, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    Block bad = invalidChild(main.get(0), 500); // #2 with far more work, and too much extra data
    List<Block> above = extend(bad, 3, 500, "bad"); // #3..#5 on it, each valid against its parent
    net.serve(concat(List.of(bad), above));

    announce(f, LIAR, above.getLast());
    settle();

    assertCanonical(store, concat(List.of(g), main));
    for (Block b : concat(List.of(bad), above)) {
      assertThat(store.header(b.hash())).as("nothing of the invalid branch is written").isEmpty();
    }
    assertThat(reports).singleElement().asString().startsWith("liar WRONG_DATA: announced block #5")
        .contains("descends from invalid block");
    assertThat(f.stats().invalidBlocks()).isEqualTo(4);

    int asked = net.requests.size();
    announce(f, LIAR, above.getLast());
    announce(f, LIAR, bad);
    assertThat(net.requests).hasSize(asked);
    assertThat(reports).hasSize(3);
  }

  // ---------------------------------------------------------------- post-merge: the target chooses

  @Test
  void afterTheMergeOnlyTheTargetMovesTheHeadAndExactlyToIt() {
    Block g = genesis(0);
    List<Block> main = extend(g, 3, 0, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT);
    List<Block> next = extend(main.getLast(), 3, 0, "main"); // #4..#6
    List<Block> fork = extend(main.get(0), 4, 0, "fork"); // #2'..#5'
    net.serve(concat(next, fork));

    announce(f, HONEST, next.getLast());
    settle();
    assertThat(store.head().orElseThrow().number()).as("an announcement alone chooses nothing after the merge").isEqualTo(3);

    f.setTarget(SyncTarget.of(next.get(1).hash(), next.get(1).number()));
    loop.runDue();
    assertCanonical(store, concat(concat(List.of(g), main), next.subList(0, 2)));

    f.setTarget(SyncTarget.of(fork.getLast().hash(), fork.getLast().number()));
    settle();
    assertCanonical(store, concat(List.of(g, main.get(0)), fork));
    assertThat(events).containsExactly("head #4", "head #5", "reorg at #1 -4 +4", "head #5");
  }

  @Test
  void theTotalDifficultyRuleIgnoresTheTargetAndTheTargetRuleIgnoresWork() {
    Block g = genesis(100);
    List<Block> main = extend(g, 2, 100, "main");
    List<Block> heavier = extend(main.get(0), 2, 200, "heavy");
    List<Block> lighter = extend(main.get(0), 2, 10, "light");

    InMemoryHeaderStore byWork = storeWith(concat(List.of(g), main));
    TipFollower f = follow(byWork, FollowConfig.DEFAULT.withForkChoice(ForkChoiceRule.TOTAL_DIFFICULTY));
    net.serve(concat(heavier, lighter));
    f.setTarget(SyncTarget.of(lighter.getLast().hash(), 3));
    announce(f, HONEST, heavier.getLast());
    settle();
    assertThat(byWork.head().orElseThrow().hash()).isEqualTo(heavier.getLast().hash());
    f.close();

    InMemoryHeaderStore byTarget = storeWith(concat(List.of(g), main));
    TipFollower t = follow(byTarget, FollowConfig.DEFAULT.withForkChoice(ForkChoiceRule.TARGET));
    announce(t, HONEST, heavier.getLast());
    t.setTarget(SyncTarget.of(lighter.getLast().hash(), 3));
    settle();
    assertThat(byTarget.head().orElseThrow().hash()).isEqualTo(lighter.getLast().hash());
  }

  // ---------------------------------------------------------------- hand-backs

  @Test
  void aTargetBeyondTheLiveGapLimitIsHandedBackAndFollowingResumesAfterwards() {
    Block g = genesis(100);
    InMemoryHeaderStore store = storeWith(List.of(g));
    TipFollower f = follow(store, FollowConfig.DEFAULT.withLiveGapLimit(8));
    List<Block> chain = extend(g, 12, 100, "main");
    net.serve(chain);

    announce(f, HONEST, chain.getLast());
    assertThat(net.requests).as("one peer's far announcement starts nothing").isEmpty();
    SyncTarget far = SyncTarget.of(chain.getLast().hash(), 12);
    f.setTarget(far);
    assertThat(handbacks).containsExactly(far);
    assertThat(f.state()).isEqualTo(TipFollower.State.HANDED_BACK);
    assertThat(net.requests).isEmpty();

    // the header sync brings the chain to #10; the follower takes over from there
    store.commit(storeWithTail(chain.subList(0, 10), BigInteger.valueOf(100)));
    f.resume();
    settle();
    assertCanonical(store, concat(List.of(g), chain));
    assertThat(f.state()).isEqualTo(TipFollower.State.FOLLOWING);
  }

  private static io.headersync.store.WriteBatch storeWithTail(List<Block> blocks, BigInteger tdBefore) {
    io.headersync.store.WriteBatch batch = new io.headersync.store.WriteBatch();
    BigInteger td = tdBefore;
    for (Block b : blocks) {
      td = td.add(b.header().difficulty());
      batch.putCanonicalHeader(b.header(), td);
    }
    return batch;
  }

  @Test
  void aTargetWhoseBranchForksDeeperThanAReorganisationMayReachIsHandedBack() {
    Block g = genesis(100);
    List<Block> main = extend(g, 10, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT.withMaxReorgDepth(4));
    List<Block> deep = extend(main.get(2), 9, 100, "deep"); // forks at #3, 7 below the head
    net.serve(deep);

    SyncTarget target = SyncTarget.of(deep.getLast().hash(), deep.getLast().number());
    f.setTarget(target);
    settle();

    assertThat(handbacks).containsExactly(target);
    assertCanonical(store, concat(List.of(g), main));
  }

  // ---------------------------------------------------------------- bodies and restarts

  @Test
  void bodiesOfTheNewestNBlocksAreKeptAndOlderOnesDeleted() {
    Block g = genesis(100);
    InMemoryHeaderStore store = storeWith(List.of(g));
    TipFollower f = follow(store, FollowConfig.DEFAULT.withBodiesKept(3));
    List<Block> chain = extend(g, 8, 100, "main");
    net.serve(chain);

    for (Block b : chain) {
      announce(f, HONEST, b);
      settle();
      long head = b.number();
      for (Block c : chain.subList(0, (int) head)) {
        boolean kept = c.number() > head - 3;
        assertThat(store.body(c.hash()).isPresent()).as("body #" + c.number() + " at head #" + head).isEqualTo(kept);
      }
    }
  }

  @Test
  void aNewFollowerOverTheSameStoreResumesFromItsHead() {
    Block g = genesis(100);
    InMemoryHeaderStore.Database db = new InMemoryHeaderStore.Database();
    InMemoryHeaderStore store = InMemoryHeaderStore.open(db, g.hash());
    store.commit(storeWithTail(List.of(g), BigInteger.ZERO));
    TipFollower first = follow(store, FollowConfig.DEFAULT);
    List<Block> chain = extend(g, 6, 100, "main");
    net.serve(chain);
    announce(first, HONEST, chain.get(3));
    settle();
    first.close();
    store.close();

    InMemoryHeaderStore reopened = InMemoryHeaderStore.open(db, g.hash());
    assertThat(reopened.head().orElseThrow().hash()).isEqualTo(chain.get(3).hash());
    TipFollower second = follow(reopened, FollowConfig.DEFAULT);
    assertThat(second.head().orElseThrow().hash()).isEqualTo(chain.get(3).hash());
    announce(second, HONEST, chain.getLast());
    settle();
    assertCanonical(reopened, concat(List.of(g), chain));
  }

  @Test
  void demotedHeadersAreDeletedOnceDeeperThanAnyReorganisationMayReach() {
    Block g = genesis(100);
    List<Block> main = extend(g, 3, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    TipFollower f = follow(store, FollowConfig.DEFAULT.withMaxReorgDepth(4));
    List<Block> branch = extend(main.get(1), 2, 100, "side"); // #3', #4' on #2
    net.serve(branch);
    announce(f, HONEST, branch.getLast());
    settle();
    Hash demoted = main.get(2).hash(); // old #3
    assertThat(store.header(demoted)).isPresent();

    List<Block> more = extend(branch.getLast(), 4, 100, "side"); // head to #8: old #3 sinks 5 deep
    net.serve(more);
    announce(f, HONEST, more.getLast());
    settle();
    assertThat(store.head().orElseThrow().number()).isEqualTo(8);
    assertThat(store.header(demoted)).isEmpty();
  }

  @Test
  void aBranchWriteDemotesPutsAndMovesCheckpointsInOneBatch() {
    Block g = genesis(100);
    List<Block> main = extend(g, 3, 100, "main");
    InMemoryHeaderStore store = storeWith(concat(List.of(g), main));
    List<Block> branch = extend(main.get(0), 3, 100, "side");
    List<SideBlock> side = new ArrayList<>();
    BigInteger td = BigInteger.valueOf(200);
    for (Block b : branch) {
      td = td.add(b.header().difficulty());
      side.add(new SideBlock(b.header(), td, b.body()));
    }
    var batch = BranchWrite.build(store, 0, new BlockRef(1, main.get(0).hash()), new BlockRef(3, main.getLast().hash()),
        List.of(main.get(1).header(), main.get(2).header()), side, List.of());
    assertThat(batch.ops().getFirst()).isEqualTo(new io.headersync.store.WriteBatch.UnwindCanonical(1));
    store.commit(batch);
    assertCanonical(store, concat(List.of(g, main.get(0)), branch));
    assertThat(store.checkpoint("headers")).contains(Checkpoint.at(4));
  }
}
