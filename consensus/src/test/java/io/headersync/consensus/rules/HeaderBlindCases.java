package io.headersync.consensus.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The invalid blocks of the conformance vectors whose fault no header rule can see, each with
 * the reason. The conformance test requires the validator to accept exactly these (and reject
 * every other invalid block), so this list cannot silently grow or go stale.
 *
 * <p>Ids are {@code <file under BlockchainTests>#<test name>/<position in blocks[], from 1>}.
 */
final class HeaderBlindCases {

  /** Why a header-only validator cannot judge a case, and the vector exceptions that reason covers. */
  enum Reason {
    EXECUTION("needs the transactions executed against the state (validity, gas used, state/receipts roots, bloom)",
        Set.of("TransactionException.*", "BlockException.INVALID_STATE_ROOT", "BlockException.INVALID_GAS_USED",
            "BlockException.INVALID_RECEIPTS_ROOT", "BlockException.INVALID_LOG_BLOOM")),
    BODY("the transactions root is checked against the body, by consensus.body, not by header rules",
        Set.of("BlockException.INVALID_TRANSACTIONS_ROOT")),
    UNCLES("the fault is in an ommer header carried in the body (its parent, fork shape or DAO marker), not in the block's header",
        Set.of("BlockException.UNCLE_PARENT_INCORRECT", "BlockException.IMPORT_IMPOSSIBLE_LONDON_WRONG_PARENT",
            "BlockException.IMPORT_IMPOSSIBLE_LEGACY_WRONG_PARENT", "BlockException.EXTRA_DATA_INVALID_DAO"));

    final String why;
    final Set<String> exceptions;

    Reason(String why, Set<String> exceptions) {
      this.why = why;
      this.exceptions = exceptions;
    }

    /** True when every alternative of {@code expectException} ({@code A|B}) is one this reason covers. */
    boolean covers(String expectException) {
      for (String one : expectException.split("\\|")) {
        boolean covered = exceptions.contains(one)
            || (one.startsWith("TransactionException.") && exceptions.contains("TransactionException.*"));
        if (!covered) {
          return false;
        }
      }
      return true;
    }
  }

  record Blind(String id, Reason reason) {}

  static final List<Blind> CASES = build();

  private HeaderBlindCases() {}

  private static List<Blind> build() {
    List<Blind> out = new ArrayList<>();
    String eip1559 = "InvalidBlocks/bcEIP1559/";
    add(out, Reason.EXECUTION, eip1559 + "baseFee.json#baseFee_Cancun", 3, 5);
    add(out, Reason.EXECUTION, eip1559 + "checkGasLimit.json#checkGasLimit_Cancun", 1, 5);
    add(out, Reason.EXECUTION, eip1559 + "feeCap.json#feeCap_Cancun", 1, 2, 3);
    add(out, Reason.EXECUTION, eip1559 + "intrinsicOrFail.json#intrinsicOrFail_Cancun", range(1, 61));
    add(out, Reason.EXECUTION, eip1559 + "transFail.json#transFail_Cancun", 1, 2, 4, 5, 7, 8, 9, 10, 11);
    add(out, Reason.EXECUTION, eip1559 + "valCausesOOF.json#valCausesOOF_Cancun", range(1, 10));

    String header = "InvalidBlocks/bcInvalidHeaderTest/";
    add(out, Reason.EXECUTION, header + "log1_wrongBloom.json#log1_wrongBloom_Cancun", 1);
    add(out, Reason.EXECUTION, header + "wrongCoinbase.json#wrongCoinbase_Cancun", 1);
    add(out, Reason.EXECUTION, header + "wrongGasUsed.json#wrongGasUsed_Cancun", 1);
    add(out, Reason.EXECUTION, header + "wrongReceiptTrie.json#wrongReceiptTrie_Cancun", 1);
    add(out, Reason.EXECUTION, header + "wrongStateRoot.json#wrongStateRoot_Cancun", 1);
    add(out, Reason.BODY, header + "wrongTransactionsTrie.json#wrongTransactionsTrie_Cancun", 1);

    String london = "TransitionTests/bcBerlinToLondon/";
    add(out, Reason.EXECUTION, london + "BerlinToLondonTransition.json#BerlinToLondonTransition_BerlinToLondonAt5", 6);
    add(out, Reason.EXECUTION, london + "initialVal.json#initialVal_BerlinToLondonAt5", 4, 5, 8, 9, 10);
    add(out, Reason.UNCLES, london + "londonUncles.json#londonUncles_BerlinToLondonAt5", 6, 12, 14);

    String homestead = "TransitionTests/bcFrontierToHomestead/";
    add(out, Reason.EXECUTION, homestead + "ContractCreationFailsOnHomestead.json#ContractCreationFailsOnHomestead_FrontierToHomesteadAt5", 5);
    add(out, Reason.EXECUTION, homestead + "HomesteadOverrideFrontier.json#HomesteadOverrideFrontier_FrontierToHomesteadAt5", 5);
    add(out, Reason.EXECUTION, homestead + "blockChainFrontierWithLargerTDvsHomesteadBlockchain.json"
        + "#blockChainFrontierWithLargerTDvsHomesteadBlockchain_FrontierToHomesteadAt5", 10);
    add(out, Reason.EXECUTION, homestead + "blockChainFrontierWithLargerTDvsHomesteadBlockchain2.json"
        + "#blockChainFrontierWithLargerTDvsHomesteadBlockchain2_FrontierToHomesteadAt5", 10);

    String dao = "TransitionTests/bcHomesteadToDao/";
    add(out, Reason.EXECUTION, dao + "DaoTransactions.json#DaoTransactions_HomesteadToDaoAt5", 10);
    add(out, Reason.UNCLES, dao + "DaoTransactions_UncleExtradata.json#DaoTransactions_UncleExtradata_HomesteadToDaoAt5",
        8, 10, 13, 19, 21);
    return List.copyOf(out);
  }

  private static void add(List<Blind> out, Reason reason, String test, int... blocks) {
    for (int b : blocks) {
      out.add(new Blind(test + "/" + b, reason));
    }
  }

  private static int[] range(int first, int last) {
    int[] r = new int[last - first + 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = first + i;
    }
    return r;
  }
}
