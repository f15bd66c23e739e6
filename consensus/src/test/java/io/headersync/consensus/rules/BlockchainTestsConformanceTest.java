package io.headersync.consensus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.BlockchainTestsRunner.Outcome;
import io.headersync.consensus.rules.BlockchainTestsRunner.TestRun;
import io.headersync.consensus.rules.BlockchainTestsRunner.Verdict;
import io.headersync.consensus.rules.HeaderBlindCases.Blind;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The header rules against the public BlockchainTests vectors: every valid block's header is
 * accepted, every invalid one is rejected by the rule (and field) of what the vector breaks,
 * except the cases listed in {@link HeaderBlindCases}, whose fault only execution, the body or
 * an ommer reveals; those must be accepted, so the list stays exact.
 */
class BlockchainTestsConformanceTest {

  private static final String BASE = "vectors/ethereum-tests/BlockchainTests";
  private static final List<String> FOLDERS =
      List.of("InvalidBlocks/bcInvalidHeaderTest", "InvalidBlocks/bcEIP1559", "TransitionTests");

  /** What a vector's exception must be reported as: a rule, and the field when it is unambiguous. */
  private record Expect(String rule, String field) {
    boolean matches(Verdict verdict) {
      if (verdict instanceof Verdict.Rejected r) {
        return r.error().rule().equals(rule) && (field == null || r.error().field().equals(field));
      }
      if (verdict instanceof Verdict.Undecodable u) {
        return rule.equals(DECODER) && u.error().reason().name().equals(field);
      }
      return false;
    }

    @Override
    public String toString() {
      return rule + (field == null ? "" : " / " + field);
    }
  }

  /** The header decoder, for the one bound a decoded header cannot break. */
  private static final String DECODER = "header decoding";

  private static final Map<String, List<Expect>> EXPECTED = Map.ofEntries(
      Map.entry("BlockException.INVALID_BASEFEE_PER_GAS", List.of(new Expect(BaseFeeRule.NAME, "baseFeePerGas"))),
      Map.entry("BlockException.INVALID_GASLIMIT",
          List.of(new Expect(GasLimitBoundsRule.NAME, "gasLimit"), new Expect(GasLimitChangeRule.NAME, "gasLimit"))),
      // gasLimit > 2^63 - 1 does not fit BlockHeader's long: the decoder rejects the field.
      Map.entry("BlockException.GASLIMIT_TOO_BIG", List.of(new Expect(DECODER, RlpException.Reason.INTEGER_OVERFLOW.name()))),
      Map.entry("BlockException.EXTRA_DATA_TOO_BIG", List.of(new Expect(ExtraDataRule.NAME, "extraData"))),
      Map.entry("BlockException.EXTRA_DATA_INVALID_DAO", List.of(new Expect(DaoExtraDataRule.NAME, "extraData"))),
      Map.entry("BlockException.INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT", List.of(new Expect(TimestampRule.NAME, "timestamp"))),
      Map.entry("BlockException.INVALID_BLOCK_NUMBER", List.of(new Expect(ParentLinkRule.NAME, "number"))),
      Map.entry("BlockException.UNKNOWN_PARENT", List.of(new Expect(ParentLinkRule.NAME, "parentHash"))),
      Map.entry("BlockException.UNKNOWN_PARENT_ZERO", List.of(new Expect(ParentLinkRule.NAME, "parentHash"))),
      Map.entry("BlockException.INVALID_DIFFICULTY", List.of(new Expect(DifficultyRule.NAME, "difficulty"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS",
          List.of(new Expect(TerminalTotalDifficultyRule.NAME, "difficulty"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_PARIS_WRONG_POS", List.of(new Expect(TerminalTotalDifficultyRule.NAME, "difficulty"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_PARIS_WRONG_POW", List.of(new Expect(TerminalTotalDifficultyRule.NAME, "difficulty"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS", List.of(new Expect(PostMergeConstantsRule.NAME, "ommersHash"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_LONDON_WRONG_PARENT", List.of(new Expect(ForkFieldsRule.NAME, "baseFeePerGas"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_LEGACY", List.of(new Expect(ForkFieldsRule.NAME, "baseFeePerGas"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_LEGACY_WRONG_PARENT", List.of(new Expect(ForkFieldsRule.NAME, "baseFeePerGas"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_SHANGHAI", List.of(new Expect(ForkFieldsRule.NAME, "withdrawalsRoot"))),
      Map.entry("BlockException.IMPORT_IMPOSSIBLE_PARIS_OVER_SHANGHAI", List.of(new Expect(ForkFieldsRule.NAME, "withdrawalsRoot"))));

  /**
   * Headers that break two rules, where the vector names one and the validator, by its order,
   * reports the other; each with why the reported rule is a true fault of the header.
   */
  private static final Map<String, Expect> REPORTED_AS = Map.of(
      // Block 4 (London at 5) has both a base fee and a doubled gas limit; a field's presence is
      // checked before any value, so the base fee before London is reported, not the gas limit.
      "TransitionTests/bcBerlinToLondon/BerlinToLondonTransition.json#BerlinToLondonTransition_BerlinToLondonAt5/4",
      new Expect(ForkFieldsRule.NAME, "baseFeePerGas"),
      // The parent's total difficulty (787,072) has already reached the terminal 786,432: the block
      // must be proof of stake, so any positive difficulty is the transition rule's fault.
      "TransitionTests/bcArrowGlacierToParis/difficultyFormula.json#difficultyFormula_ArrowGlacierToParisAtDiffC0000/6",
      new Expect(TerminalTotalDifficultyRule.NAME, "difficulty"));

  @TestFactory
  List<DynamicContainer> everyVectorFile() {
    Path base = TestData.require(BASE);
    List<DynamicContainer> folders = new ArrayList<>();
    for (String folder : FOLDERS) {
      List<DynamicTest> tests = new ArrayList<>();
      for (Path file : BlockchainTestsRunner.files(TestData.require(BASE + "/" + folder))) {
        tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
          List<String> problems = new ArrayList<>();
          for (TestRun run : BlockchainTestsRunner.run(base, file)) {
            problems.addAll(check(run));
          }
          assertThat(problems).as("cases judged wrongly").isEmpty();
        }));
      }
      assertThat(tests).as("vector files in " + folder).isNotEmpty();
      folders.add(DynamicContainer.dynamicContainer(folder, tests));
    }
    return folders;
  }

  /** Counts of one folder's outcomes. */
  private static final class Tally {
    int files;
    int valid;
    int rejectedRight;
    int rejectedByDecoder;
    int reportedAsOther;
    final Map<HeaderBlindCases.Reason, Integer> leftOut = new EnumMap<>(HeaderBlindCases.Reason.class);

    int blocks() {
      int n = valid + rejectedRight + rejectedByDecoder + reportedAsOther;
      for (int v : leftOut.values()) {
        n += v;
      }
      return n;
    }

    @Override
    public String toString() {
      return String.format("%d files, %d blocks: %d valid accepted, %d invalid rejected by the rule of the field the vector"
          + " breaks (+%d by the header decoder, +%d by another rule the header also breaks), left out %s", files, blocks(),
          valid, rejectedRight, rejectedByDecoder, reportedAsOther, leftOut);
    }
  }

  @Test
  void blindListIsExactAndCountsAddUp() {
    Path base = TestData.require(BASE);
    Map<String, HeaderBlindCases.Reason> blind = new HashMap<>();
    for (Blind b : HeaderBlindCases.CASES) {
      assertThat(blind.put(b.id(), b.reason())).as("listed twice: " + b.id()).isNull();
    }
    Set<String> acceptedInvalid = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (String folder : FOLDERS) {
      Tally tally = new Tally();
      for (Path file : BlockchainTestsRunner.files(TestData.require(BASE + "/" + folder))) {
        tally.files++;
        for (TestRun run : BlockchainTestsRunner.run(base, file)) {
          problems.addAll(check(run));
          for (Outcome o : run.blocks()) {
            if (o.expectedValid()) {
              tally.valid++;
            } else if (o.verdict() instanceof Verdict.Accepted) {
              acceptedInvalid.add(o.id());
              if (blind.containsKey(o.id())) {
                tally.leftOut.merge(blind.get(o.id()), 1, Integer::sum);
              }
            } else if (REPORTED_AS.containsKey(o.id())) {
              tally.reportedAsOther++;
            } else if (o.verdict() instanceof Verdict.Undecodable) {
              tally.rejectedByDecoder++;
            } else {
              tally.rejectedRight++;
            }
          }
        }
      }
      System.out.println("BlockchainTests/" + folder + ": " + tally);
      assertThat(tally.valid).as("valid blocks in " + folder).isPositive();
      assertThat(tally.rejectedRight).as("invalid blocks rejected in " + folder).isPositive();
      blocks += tally.blocks();
    }
    assertThat(problems).as("cases judged wrongly").isEmpty();
    assertThat(acceptedInvalid).as("invalid cases the header rules accept = the blind list").isEqualTo(new TreeSet<>(blind.keySet()));
    assertThat(blocks).isGreaterThan(HeaderBlindCases.CASES.size());
  }

  /** The problems of one test: wrong verdicts, wrong hashes, a blind case not covered by its reason. */
  private static List<String> check(TestRun run) {
    List<String> problems = new ArrayList<>();
    if (!run.genesisHash().toHex().equals(run.expectedGenesisHash())) {
      problems.add(run.id() + ": genesis hash " + run.genesisHash() + ", vector says " + run.expectedGenesisHash());
    }
    if (!run.lastBlockAccepted()) {
      problems.add(run.id() + ": the vector's last block " + run.lastBlockHash() + " was not accepted");
    }
    for (Outcome o : run.blocks()) {
      String blindWhy = null;
      for (Blind b : HeaderBlindCases.CASES) {
        if (b.id().equals(o.id())) {
          blindWhy = b.reason().name();
          if (o.expectedValid() || !b.reason().covers(o.expectException())) {
            problems.add(o.id() + ": listed as " + b.reason() + " but the vector expects " + o.expectException());
          }
        }
      }
      if (o.expectedValid()) {
        if (!(o.verdict() instanceof Verdict.Accepted)) {
          problems.add(o.id() + ": valid block judged " + describe(o.verdict()));
        } else if (o.expectedHash() != null && !o.hash().toHex().equals(o.expectedHash())) {
          problems.add(o.id() + ": decoded hash " + o.hash() + ", vector says " + o.expectedHash());
        }
        continue;
      }
      if (blindWhy != null) {
        if (!(o.verdict() instanceof Verdict.Accepted)) {
          problems.add(o.id() + ": listed as blind (" + blindWhy + ") but judged " + describe(o.verdict()));
        }
        continue;
      }
      List<Expect> expected = new ArrayList<>();
      if (REPORTED_AS.containsKey(o.id())) {
        expected.add(REPORTED_AS.get(o.id()));
      } else {
        for (String one : o.expectException().split("\\|")) {
          expected.addAll(EXPECTED.getOrDefault(one, List.of()));
        }
      }
      if (expected.isEmpty()) {
        problems.add(o.id() + ": no rule is mapped to " + o.expectException() + " and it is not listed as blind; judged "
            + describe(o.verdict()));
      } else if (expected.stream().noneMatch(e -> e.matches(o.verdict()))) {
        problems.add(o.id() + ": " + o.expectException() + " should be reported as " + expected + ", judged " + describe(o.verdict()));
      }
    }
    return problems;
  }

  private static String describe(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Accepted a -> "accepted";
      case Verdict.Rejected r -> "rejected: " + r.error().getMessage();
      case Verdict.Undecodable u -> "undecodable: " + u.error().getMessage();
    };
  }
}
