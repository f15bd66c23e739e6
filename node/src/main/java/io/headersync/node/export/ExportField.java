package io.headersync.node.export;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A header field an export can write, named as {@code headersync header} (and
 * {@code eth_getBlockByNumber}) names it. Quantities are numbers (hex like the JSON-RPC API, or
 * decimal on request); the rest are hex data. A field the header's fork lacks has no value.
 */
public enum ExportField {
  NUMBER("number", true, h -> h.number()),
  HASH("hash", false, h -> h.hash().toHex()),
  PARENT_HASH("parentHash", false, h -> h.parentHash().toHex()),
  NONCE("nonce", false, h -> String.format(Locale.ROOT, "0x%016x", h.nonce())),
  SHA3_UNCLES("sha3Uncles", false, h -> h.ommersHash().toHex()),
  LOGS_BLOOM("logsBloom", false, h -> Hex.encode(h.logsBloom())),
  TRANSACTIONS_ROOT("transactionsRoot", false, h -> h.transactionsRoot().toHex()),
  STATE_ROOT("stateRoot", false, h -> h.stateRoot().toHex()),
  RECEIPTS_ROOT("receiptsRoot", false, h -> h.receiptsRoot().toHex()),
  MINER("miner", false, h -> h.beneficiary().toHex()),
  DIFFICULTY("difficulty", true, BlockHeader::difficulty),
  /** Read from the store's total difficulty records; no value where none is stored. */
  TOTAL_DIFFICULTY("totalDifficulty", true, null),
  EXTRA_DATA("extraData", false, h -> Hex.encode(h.extraData())),
  GAS_LIMIT("gasLimit", true, h -> h.gasLimit()),
  GAS_USED("gasUsed", true, h -> h.gasUsed()),
  TIMESTAMP("timestamp", true, h -> h.timestamp()),
  MIX_HASH("mixHash", false, h -> h.mixHash().toHex()),
  BASE_FEE_PER_GAS("baseFeePerGas", true, h -> h.hasBaseFee() ? h.baseFeePerGas() : null),
  WITHDRAWALS_ROOT("withdrawalsRoot", false, h -> h.withdrawalsRoot() == null ? null : h.withdrawalsRoot().toHex()),
  BLOB_GAS_USED("blobGasUsed", true, h -> h.hasBlobGas() ? h.blobGasUsed() : null),
  EXCESS_BLOB_GAS("excessBlobGas", true, h -> h.hasBlobGas() ? h.excessBlobGas() : null),
  PARENT_BEACON_BLOCK_ROOT("parentBeaconBlockRoot", false,
      h -> h.parentBeaconBlockRoot() == null ? null : h.parentBeaconBlockRoot().toHex()),
  REQUESTS_HASH("requestsHash", false, h -> h.requestsHash() == null ? null : h.requestsHash().toHex());

  /** The fields written when none are named: enough to plot a chain's growth, fees and difficulty. */
  public static final String DEFAULT_FIELDS = "number,hash,parentHash,timestamp,miner,difficulty,gasLimit,gasUsed,baseFeePerGas";

  private final String fieldName;
  private final boolean quantity;
  private final Function<BlockHeader, Object> read;

  ExportField(String fieldName, boolean quantity, Function<BlockHeader, Object> read) {
    this.fieldName = fieldName;
    this.quantity = quantity;
    this.read = read;
  }

  /** The name as {@code headersync header} prints it. */
  public String fieldName() {
    return fieldName;
  }

  /** Whether the value is a number (hex or decimal as asked), rather than hex data. */
  public boolean isQuantity() {
    return quantity;
  }

  /** Whether writing it needs a store lookup per header. */
  public boolean needsTotalDifficulty() {
    return this == TOTAL_DIFFICULTY;
  }

  /**
   * The value of this field of {@code header}, or null where the header has none.
   *
   * @param totalDifficulty the header's stored total difficulty (may be null); only
   *     {@link #TOTAL_DIFFICULTY} reads it
   * @param decimal whether quantities are written in decimal rather than 0x-prefixed hex
   */
  public String value(BlockHeader header, BigInteger totalDifficulty, boolean decimal) {
    Object v = this == TOTAL_DIFFICULTY ? totalDifficulty : read.apply(header);
    if (v == null) {
      return null;
    }
    if (!quantity) {
      return (String) v;
    }
    if (v instanceof BigInteger b) {
      return decimal ? b.toString() : Hex.quantity(b);
    }
    long l = (Long) v;
    return decimal ? Long.toUnsignedString(l) : Hex.quantity(l);
  }

  /** The field named {@code name} as {@code headersync header} prints it (exact spelling). */
  public static ExportField byName(String name) {
    for (ExportField f : values()) {
      if (f.fieldName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown field '" + name + "'; known fields: " + names());
  }

  /** Every field name, comma-separated, in catalogue order. */
  public static String names() {
    return Arrays.stream(values()).map(ExportField::fieldName).collect(Collectors.joining(","));
  }
}
