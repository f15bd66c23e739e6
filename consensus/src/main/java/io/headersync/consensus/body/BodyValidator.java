package io.headersync.consensus.body;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import io.headersync.rlp.RlpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a body is the one its header commits to: the transactions root, the ommers hash
 * and, from Shanghai, the withdrawals root. A peer can send any body for a requested hash; these
 * roots are what tie the body to a header already verified, so a body that passes here is the
 * block's body and one that fails came from a faulty or lying peer.
 *
 * <p>Stateless and thread-safe. The checks run cheapest first (the ommers hash is one Keccak of
 * a usually empty list; the transactions trie hashes every transaction), so a wrong body is
 * usually turned away before the expensive part.
 */
public final class BodyValidator {

  /** Field names as JSON-RPC names them, the convention of {@link InvalidHeaderException}. */
  public static final String TRANSACTIONS_ROOT = "transactionsRoot";
  public static final String OMMERS_HASH = "sha3Uncles";
  public static final String WITHDRAWALS_ROOT = "withdrawalsRoot";
  /** The withdrawals list itself, present in a body exactly when its header has a withdrawals root. */
  public static final String WITHDRAWALS = "withdrawals";
  /** The body's encoding, when it is not a body at all. */
  public static final String BODY = "body";

  private BodyValidator() {}

  /**
   * Decodes {@code bodyRlp} and checks it against {@code header}.
   *
   * @return the decoded body
   * @throws InvalidHeaderException on a malformed encoding (field {@value #BODY}) or a root
   *     that does not match
   */
  public static BlockBody validate(BlockHeader header, byte[] bodyRlp) throws InvalidHeaderException {
    BlockBody body;
    try {
      body = BlockBody.decode(bodyRlp);
    } catch (RlpException e) {
      throw new InvalidHeaderException(header.number(), header.hash(), "body encoding", BODY,
          "a body list [transactions, ommers, (withdrawals)]", e.getMessage());
    }
    validate(header, body);
    return body;
  }

  /** Checks every root {@code header} holds for its body against {@code body}. */
  public static void validate(BlockHeader header, BlockBody body) throws InvalidHeaderException {
    checkOmmers(header, body);
    checkWithdrawals(header, body);
    checkTransactions(header, body);
  }

  /** The ommers hash: Keccak-256 of the RLP list of the ommer headers. */
  public static void checkOmmers(BlockHeader header, BlockBody body) throws InvalidHeaderException {
    Hash found = body.ommers().isEmpty() ? Keccak.EMPTY_LIST : Keccak.keccak256(body.encodeOmmers());
    if (!found.equals(header.ommersHash())) {
      throw new InvalidHeaderException(header.number(), header.hash(), "ommers hash", OMMERS_HASH,
          header.ommersHash(), found + " (" + body.ommers().size() + " ommers in the body)");
    }
  }

  /**
   * The withdrawals: present exactly when the header has a withdrawals root (Shanghai on), and
   * then the ordered trie of their RLP encodings has that root.
   */
  public static void checkWithdrawals(BlockHeader header, BlockBody body) throws InvalidHeaderException {
    Hash expected = header.withdrawalsRoot();
    if (expected == null) {
      if (body.hasWithdrawals()) {
        throw new InvalidHeaderException(header.number(), header.hash(), "withdrawals presence", WITHDRAWALS,
            "no withdrawals list (the header has no withdrawalsRoot)",
            "a list of " + body.withdrawals().size() + " withdrawals");
      }
      return;
    }
    if (!body.hasWithdrawals()) {
      throw new InvalidHeaderException(header.number(), header.hash(), "withdrawals presence", WITHDRAWALS,
          "a withdrawals list (the header has withdrawalsRoot " + expected + ")", "no withdrawals list");
    }
    List<byte[]> encoded = new ArrayList<>(body.withdrawals().size());
    for (Withdrawal w : body.withdrawals()) {
      encoded.add(w.encode());
    }
    Hash found = TrieRoot.ofOrdered(encoded);
    if (!found.equals(expected)) {
      throw new InvalidHeaderException(header.number(), header.hash(), "withdrawals root", WITHDRAWALS_ROOT,
          expected, found + " (" + encoded.size() + " withdrawals in the body)");
    }
  }

  /** The transactions root: the ordered trie of the transaction envelopes. */
  public static void checkTransactions(BlockHeader header, BlockBody body) throws InvalidHeaderException {
    Hash found = TrieRoot.ofOrdered(body.transactions());
    if (!found.equals(header.transactionsRoot())) {
      throw new InvalidHeaderException(header.number(), header.hash(), "transactions root", TRANSACTIONS_ROOT,
          header.transactionsRoot(), found + " (" + body.transactions().size() + " transactions in the body)");
    }
  }
}
