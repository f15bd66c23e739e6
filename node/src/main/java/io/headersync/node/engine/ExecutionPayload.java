package io.headersync.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.Params;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code ExecutionPayloadV1..V3} as a consensus client sends it. {@code withdrawals} is
 * {@code null} for a V1 structure; {@code blobGasUsed}/{@code excessBlobGas} are -1 before V3.
 */
public record ExecutionPayload(Hash parentHash, Address feeRecipient, Hash stateRoot, Hash receiptsRoot, byte[] logsBloom,
    Hash prevRandao, long blockNumber, long gasLimit, long gasUsed, long timestamp, byte[] extraData,
    BigInteger baseFeePerGas, Hash blockHash, List<byte[]> transactions, List<Withdrawal> withdrawals, long blobGasUsed,
    long excessBlobGas) {

  /** The most transactions one payload may list: far above what a 1 Ggas block could hold at 21,000 gas each. */
  static final int MAX_TRANSACTIONS = 1 << 16;
  /** The most withdrawals one payload may list (the consensus layer's limit is 16). */
  static final int MAX_WITHDRAWALS = 1 << 10;

  public boolean hasWithdrawals() {
    return withdrawals != null;
  }

  public boolean hasBlobGas() {
    return blobGasUsed >= 0;
  }

  /**
   * Reads a payload object; any malformed field is {@link JsonRpcException#INVALID_PARAMS} naming it.
   *
   * @param what how to name the payload in messages
   */
  public static ExecutionPayload parse(JsonNode p, String what) {
    if (p == null || !p.isObject()) {
      throw JsonRpcException.invalidParams(what + ": expected an execution payload object");
    }
    byte[] extra = Params.data(Params.member(p, "extraData", what), what + ".extraData");
    if (extra.length > 32) {
      throw JsonRpcException.invalidParams(what + ".extraData: at most 32 bytes, found " + extra.length);
    }
    JsonNode txs = Params.member(p, "transactions", what);
    if (!txs.isArray() || txs.size() > MAX_TRANSACTIONS) {
      throw JsonRpcException.invalidParams(what + ".transactions: expected an array of at most " + MAX_TRANSACTIONS + " hex strings");
    }
    List<byte[]> transactions = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      transactions.add(Params.data(txs.get(i), what + ".transactions[" + i + "]"));
    }
    List<Withdrawal> withdrawals = null;
    JsonNode ws = p.get("withdrawals");
    if (ws != null && !ws.isNull()) {
      if (!ws.isArray() || ws.size() > MAX_WITHDRAWALS) {
        throw JsonRpcException.invalidParams(what + ".withdrawals: expected an array of at most " + MAX_WITHDRAWALS + " objects");
      }
      withdrawals = new ArrayList<>(ws.size());
      for (int i = 0; i < ws.size(); i++) {
        JsonNode w = ws.get(i);
        String at = what + ".withdrawals[" + i + "]";
        if (!w.isObject()) {
          throw JsonRpcException.invalidParams(at + ": expected an object");
        }
        withdrawals.add(new Withdrawal(
            Params.quantity(Params.member(w, "index", at), at + ".index"),
            Params.quantity(Params.member(w, "validatorIndex", at), at + ".validatorIndex"),
            Address.of(Params.data(Params.member(w, "address", at), at + ".address", Address.SIZE)),
            Params.quantity(Params.member(w, "amount", at), at + ".amount")));
      }
    }
    JsonNode blobGas = p.get("blobGasUsed");
    JsonNode excess = p.get("excessBlobGas");
    boolean hasBlob = blobGas != null && !blobGas.isNull();
    if (hasBlob != (excess != null && !excess.isNull())) {
      throw JsonRpcException.invalidParams(what + ": blobGasUsed and excessBlobGas come together");
    }
    return new ExecutionPayload(
        hash(p, "parentHash", what),
        Address.of(Params.data(Params.member(p, "feeRecipient", what), what + ".feeRecipient", Address.SIZE)),
        hash(p, "stateRoot", what),
        hash(p, "receiptsRoot", what),
        Params.data(Params.member(p, "logsBloom", what), what + ".logsBloom", 256),
        hash(p, "prevRandao", what),
        quantity(p, "blockNumber", what),
        quantity(p, "gasLimit", what),
        quantity(p, "gasUsed", what),
        quantity(p, "timestamp", what),
        extra,
        Params.bigQuantity(Params.member(p, "baseFeePerGas", what), what + ".baseFeePerGas", 256),
        hash(p, "blockHash", what),
        transactions,
        withdrawals,
        hasBlob ? Params.quantity(blobGas, what + ".blobGasUsed") : -1,
        hasBlob ? Params.quantity(excess, what + ".excessBlobGas") : -1);
  }

  /**
   * The block body: transactions as given and the withdrawals; no ommers after the merge.
   *
   * @throws IllegalArgumentException for a transaction that is neither a typed envelope nor a legacy list
   */
  public BlockBody body() {
    return new BlockBody(transactions, List.of(), withdrawals);
  }

  /**
   * The execution header this payload stands for (EIP-3675's post-merge constants: ommers hash of
   * the empty list, difficulty 0, nonce 0; EIP-4399's prevRandao in mixHash), with the roots
   * computed from the body as the body-against-header check computes them.
   *
   * @param parentBeaconBlockRoot the V3+ parameter, or {@code null}
   * @param requestsHash the EIP-7685 commitment of the V4 parameter, or {@code null}
   */
  public BlockHeader header(BlockBody body, Hash parentBeaconBlockRoot, Hash requestsHash) {
    BlockHeader.Builder b = BlockHeader.builder()
        .parentHash(parentHash).ommersHash(Keccak.EMPTY_LIST).beneficiary(feeRecipient).stateRoot(stateRoot)
        .transactionsRoot(TrieRoot.ofOrdered(body.transactions())).receiptsRoot(receiptsRoot).logsBloom(logsBloom)
        .difficulty(BigInteger.ZERO).number(blockNumber).gasLimit(gasLimit).gasUsed(gasUsed).timestamp(timestamp)
        .extraData(extraData).mixHash(prevRandao).nonce(0).baseFeePerGas(baseFeePerGas);
    if (body.hasWithdrawals()) {
      List<byte[]> encoded = new ArrayList<>(body.withdrawals().size());
      for (Withdrawal w : body.withdrawals()) {
        encoded.add(w.encode());
      }
      b.withdrawalsRoot(TrieRoot.ofOrdered(encoded));
    }
    if (hasBlobGas()) {
      b.blobGas(blobGasUsed, excessBlobGas);
    }
    if (parentBeaconBlockRoot != null) {
      b.parentBeaconBlockRoot(parentBeaconBlockRoot);
    }
    if (requestsHash != null) {
      b.requestsHash(requestsHash);
    }
    return b.build();
  }

  private static Hash hash(JsonNode p, String field, String what) {
    return Params.hash(Params.member(p, field, what), what + "." + field);
  }

  private static long quantity(JsonNode p, String field, String what) {
    return Params.quantity(Params.member(p, field, what), what + "." + field);
  }
}
