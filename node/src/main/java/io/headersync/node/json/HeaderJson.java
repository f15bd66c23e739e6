package io.headersync.node.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hex;
import java.math.BigInteger;

/** A header as JSON, with the field names and encodings of the execution API's block object. */
public final class HeaderJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HeaderJson() {}

  /** The header's fields; {@code totalDifficulty} is added when known (may be {@code null}). */
  public static ObjectNode of(BlockHeader h, BigInteger totalDifficulty) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("number", Hex.quantity(h.number()));
    o.put("hash", h.hash().toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("nonce", String.format("0x%016x", h.nonce()));
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("logsBloom", Hex.encode(h.logsBloom()));
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("miner", h.beneficiary().toHex());
    o.put("difficulty", Hex.quantity(h.difficulty()));
    if (totalDifficulty != null) {
      o.put("totalDifficulty", Hex.quantity(totalDifficulty));
    }
    o.put("extraData", Hex.encode(h.extraData()));
    o.put("gasLimit", Hex.quantity(h.gasLimit()));
    o.put("gasUsed", Hex.quantity(h.gasUsed()));
    o.put("timestamp", Hex.quantity(h.timestamp()));
    o.put("mixHash", h.mixHash().toHex());
    if (h.hasBaseFee()) {
      o.put("baseFeePerGas", Hex.quantity(h.baseFeePerGas()));
    }
    if (h.withdrawalsRoot() != null) {
      o.put("withdrawalsRoot", h.withdrawalsRoot().toHex());
    }
    if (h.hasBlobGas()) {
      o.put("blobGasUsed", Hex.quantity(h.blobGasUsed()));
      o.put("excessBlobGas", Hex.quantity(h.excessBlobGas()));
    }
    if (h.parentBeaconBlockRoot() != null) {
      o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().toHex());
    }
    if (h.requestsHash() != null) {
      o.put("requestsHash", h.requestsHash().toHex());
    }
    return o;
  }
}
