package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import io.headersync.node.json.HeaderJson;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A block object as {@code eth_getBlockByNumber} answers it: the header's fields (from
 * {@link HeaderJson}), {@code totalDifficulty} when stored, and what the body gives when it is.
 *
 * <p>A header-first node often has no body. Then {@code transactions}, {@code uncles} and
 * {@code withdrawals} are given only where the header alone proves them empty (a transactions root
 * of the empty trie, the ommers hash of an empty list, a withdrawals root of the empty trie), and
 * left out otherwise, as is {@code size}, the length of the whole block's RLP, which needs the
 * body. A caller can therefore tell "no transactions" from "not stored here".
 *
 * <p>Transactions are listed by hash (Keccak-256 of the EIP-2718 envelope), whether or not the
 * caller asked for full objects: full objects would need every transaction type decoded and its
 * sender recovered, which a header node has no other use for. The hash list is what the
 * specification gives for {@code false}; clients that ask for {@code true} get the same list.
 */
public final class BlockJson {

  private BlockJson() {}

  public static ObjectNode of(BlockHeader header, BigInteger totalDifficulty, Optional<BlockBody> body) {
    ObjectNode o = HeaderJson.of(header, totalDifficulty);
    if (body.isPresent()) {
      BlockBody b = body.get();
      o.put("size", Hex.quantity(blockSize(header, b)));
      ArrayNode txs = o.putArray("transactions");
      for (byte[] envelope : b.transactions()) {
        txs.add(Keccak.keccak256(envelope).toHex());
      }
      ArrayNode uncles = o.putArray("uncles");
      for (BlockHeader ommer : b.ommers()) {
        uncles.add(ommer.hash().toHex());
      }
      if (b.hasWithdrawals()) {
        ArrayNode ws = o.putArray("withdrawals");
        for (Withdrawal w : b.withdrawals()) {
          ObjectNode j = ws.addObject();
          j.put("index", Hex.quantity(w.index()));
          j.put("validatorIndex", Hex.quantity(w.validatorIndex()));
          j.put("address", w.address().toHex());
          j.put("amount", Hex.quantity(w.amountGwei()));
        }
      }
      return o;
    }
    if (header.transactionsRoot().equals(TrieRoot.EMPTY)) {
      o.putArray("transactions");
    }
    if (header.ommersHash().equals(Keccak.EMPTY_LIST)) {
      o.putArray("uncles");
    }
    if (TrieRoot.EMPTY.equals(header.withdrawalsRoot())) {
      o.putArray("withdrawals");
    }
    return o;
  }

  /** The length of the block's RLP {@code [header, transactions, ommers, (withdrawals…)]}. */
  static long blockSize(BlockHeader header, BlockBody body) {
    RlpWriter w = new RlpWriter(header.encoded().length + 1024);
    w.startList();
    w.writeRaw(header.encoded());
    body.writeItemsTo(w);
    w.endList();
    return w.toByteArray().length;
  }
}
