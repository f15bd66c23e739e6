package io.headersync.node.engine;

import io.headersync.core.bytes.Hash;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The blob versioned hashes a payload's transactions commit to, in order (what
 * {@code engine_newPayloadV3}'s second parameter must equal). Only EIP-4844 transactions
 * ({@code 0x03 ‖ rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, to,
 * value, data, access_list, max_fee_per_blob_gas, blob_versioned_hashes, y_parity, r, s])}) carry
 * them; every other transaction is skipped unread.
 */
final class BlobTransactions {

  static final int BLOB_TX_TYPE = 0x03;
  private static final int VERSIONED_HASHES_INDEX = 10;

  private BlobTransactions() {}

  /**
   * @throws IllegalArgumentException naming the transaction when a blob transaction is malformed
   */
  static List<Hash> versionedHashes(List<byte[]> transactions) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < transactions.size(); i++) {
      byte[] tx = transactions.get(i);
      if (tx.length == 0 || (tx[0] & 0xFF) != BLOB_TX_TYPE) {
        continue;
      }
      try {
        RlpReader outer = RlpReader.wrap(tx, 1, tx.length - 1);
        RlpReader fields = outer.readList();
        outer.requireEnd();
        for (int f = 0; f < VERSIONED_HASHES_INDEX; f++) {
          fields.requireNext("blob transaction field " + f);
          fields.skip();
        }
        fields.requireNext("blob_versioned_hashes");
        RlpReader hashes = fields.readList();
        while (hashes.hasNext()) {
          out.add(Hash.wrap(hashes.readFixed(Hash.SIZE)));
        }
      } catch (RlpException e) {
        throw new IllegalArgumentException("transaction " + i + " is a malformed blob transaction: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
