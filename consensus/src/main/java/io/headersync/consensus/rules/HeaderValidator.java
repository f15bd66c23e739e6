package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The header rules of one chain, in order; the first rule a header breaks is the one reported.
 *
 * <p>The order puts the rules a later one relies on first (the fork's fields exist before their
 * values are checked, the gas limit is sane before gas used is compared with it, the merge
 * transition is judged before the constants of either side) and, after that, the cheap ones first.
 * Rules a chain can never need (the DAO marker without a DAO fork, blob gas before Cancun is
 * scheduled, the difficulty formula on a chain born proof of stake) are left out when the
 * validator is built, so the per-header loop only runs what can matter.
 *
 * <p>Seals (ethash, clique) are not checked here; they have their own validators because they
 * cost far more and may be sampled.
 *
 * <p>Thread-safe and allocation-free per header, except for one small context object when the
 * parent's total difficulty is given (and whatever the difficulty formula allocates for
 * proof-of-work headers).
 */
public final class HeaderValidator {

  private final ChainSpec spec;
  private final ValidationContext unknownTotalDifficulty;
  private final HeaderRule[] rules;
  private final HeaderRule[] standaloneRules;

  /** The default rules for {@code spec}; see {@link #defaultRules}. */
  public HeaderValidator(ChainSpec spec) {
    this(spec, defaultRules(spec));
  }

  /** A validator running exactly {@code rules}, in this order. */
  public HeaderValidator(ChainSpec spec, List<HeaderRule> rules) {
    this.spec = Objects.requireNonNull(spec, "spec");
    requireBlobSchedules(spec);
    this.unknownTotalDifficulty = ValidationContext.of(spec);
    this.rules = rules.toArray(new HeaderRule[0]);
    List<HeaderRule> standalone = new ArrayList<>();
    for (HeaderRule rule : this.rules) {
      if (!rule.needsParent()) {
        standalone.add(rule);
      }
    }
    this.standaloneRules = standalone.toArray(new HeaderRule[0]);
  }

  /** The rules {@code spec} needs, in the order they run. */
  public static List<HeaderRule> defaultRules(ChainSpec spec) {
    boolean clique = spec.sealEngine() instanceof SealEngine.Clique;
    boolean mergeScheduled = spec.terminalTotalDifficulty() != null || spec.forkActivations().containsKey(Fork.PARIS);
    boolean bornProofOfStake = spec.terminalTotalDifficulty() != null && spec.terminalTotalDifficulty().signum() == 0;
    List<HeaderRule> rules = new ArrayList<>();
    rules.add(new ForkFieldsRule());
    rules.add(new ParentLinkRule());
    rules.add(new TimestampRule());
    if (!clique) {
      rules.add(new ExtraDataRule());
    }
    if (spec.forkActivations().containsKey(Fork.DAO)) {
      rules.add(new DaoExtraDataRule());
    }
    rules.add(new GasLimitBoundsRule());
    rules.add(new GasLimitChangeRule());
    rules.add(new GasUsedRule());
    if (spec.forkActivations().containsKey(Fork.LONDON)) {
      rules.add(new BaseFeeRule());
    }
    if (mergeScheduled) {
      rules.add(new TerminalTotalDifficultyRule());
    }
    if (mergeScheduled || hasTimeBasedFork(spec)) {
      rules.add(new PostMergeConstantsRule());
    }
    if (!clique && !bornProofOfStake) {
      rules.add(new DifficultyRule());
    }
    if (spec.forkActivations().containsKey(Fork.CANCUN)) {
      rules.add(new BlobGasUsedRule());
      rules.add(new ExcessBlobGasRule());
    }
    return List.copyOf(rules);
  }

  public ChainSpec spec() {
    return spec;
  }

  /** The rules this validator runs, in order. */
  public List<HeaderRule> rules() {
    return List.of(rules);
  }

  /** The rules {@link #validateStandalone} runs, in order. */
  public List<HeaderRule> standaloneRules() {
    return List.of(standaloneRules);
  }

  /**
   * Checks {@code header} against its already-validated {@code parent}.
   *
   * @param parentTotalDifficulty the parent's total difficulty, or {@code null} when unknown
   *     (the merge transition is then judged from the header alone)
   * @throws InvalidHeaderException for the first rule the header breaks
   */
  public void validate(BlockHeader header, BlockHeader parent, BigInteger parentTotalDifficulty) throws InvalidHeaderException {
    Objects.requireNonNull(parent, "parent (use validateStandalone for a header whose parent is unknown)");
    ValidationContext ctx = parentTotalDifficulty == null
        ? unknownTotalDifficulty
        : unknownTotalDifficulty.withParentTotalDifficulty(parentTotalDifficulty);
    HeaderRule[] all = rules;
    for (int i = 0; i < all.length; i++) {
      all[i].check(header, parent, ctx);
    }
  }

  /**
   * Checks what can be judged of {@code header} without its parent: the rules whose
   * {@link HeaderRule#needsParent()} is false. A header that passes may still break the others.
   */
  public void validateStandalone(BlockHeader header) throws InvalidHeaderException {
    HeaderRule[] some = standaloneRules;
    for (int i = 0; i < some.length; i++) {
      some[i].check(header, null, unknownTotalDifficulty);
    }
  }

  private static boolean hasTimeBasedFork(ChainSpec spec) {
    for (Fork fork : spec.forkActivations().keySet()) {
      if (fork.timeBased()) {
        return true;
      }
    }
    return false;
  }

  /** A chain that schedules Cancun without saying how many blobs it allows cannot be validated. */
  private static void requireBlobSchedules(ChainSpec spec) {
    Long cancun = spec.forkActivations().get(Fork.CANCUN);
    if (cancun != null && spec.blobScheduleAt(cancun).isEmpty()) {
      throw new IllegalArgumentException("chain " + spec.name() + " schedules Cancun at " + cancun + " without a blob schedule");
    }
  }
}
