package io.headersync.p2p.eth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every eth message code headersync recognises in eth/68 and eth/69, with the versions it belongs
 * to. GetNodeData and NodeData (0x0d, 0x0e) were removed in eth/67 (EIP-4938), and NewBlockHashes
 * and NewBlock have no place in eth/69 (block propagation left the protocol with the merge), so
 * those codes are unknown in the versions that dropped them.
 */
public enum EthMessageType {
  STATUS(0x00, "Status", EnumSet.allOf(EthVersion.class)),
  NEW_BLOCK_HASHES(0x01, "NewBlockHashes", EnumSet.of(EthVersion.ETH68)),
  TRANSACTIONS(0x02, "Transactions", EnumSet.allOf(EthVersion.class)),
  GET_BLOCK_HEADERS(0x03, "GetBlockHeaders", EnumSet.allOf(EthVersion.class)),
  BLOCK_HEADERS(0x04, "BlockHeaders", EnumSet.allOf(EthVersion.class)),
  GET_BLOCK_BODIES(0x05, "GetBlockBodies", EnumSet.allOf(EthVersion.class)),
  BLOCK_BODIES(0x06, "BlockBodies", EnumSet.allOf(EthVersion.class)),
  NEW_BLOCK(0x07, "NewBlock", EnumSet.of(EthVersion.ETH68)),
  NEW_POOLED_TRANSACTION_HASHES(0x08, "NewPooledTransactionHashes", EnumSet.allOf(EthVersion.class)),
  GET_POOLED_TRANSACTIONS(0x09, "GetPooledTransactions", EnumSet.allOf(EthVersion.class)),
  POOLED_TRANSACTIONS(0x0a, "PooledTransactions", EnumSet.allOf(EthVersion.class)),
  GET_RECEIPTS(0x0f, "GetReceipts", EnumSet.allOf(EthVersion.class)),
  RECEIPTS(0x10, "Receipts", EnumSet.allOf(EthVersion.class)),
  BLOCK_RANGE_UPDATE(0x11, "BlockRangeUpdate", EnumSet.of(EthVersion.ETH69));

  private final int code;
  private final String wireName;
  private final Set<EthVersion> versions;

  EthMessageType(int code, String wireName, Set<EthVersion> versions) {
    this.code = code;
    this.wireName = wireName;
    this.versions = versions;
  }

  /** The code relative to eth's offset in the session. */
  public int code() {
    return code;
  }

  /** The name the specification uses, such as {@code BlockHeaders}. */
  public String wireName() {
    return wireName;
  }

  public boolean existsIn(EthVersion version) {
    return versions.contains(version);
  }

  /** The message type with {@code code} in {@code version}, if that version has one. */
  public static Optional<EthMessageType> of(EthVersion version, int code) {
    for (EthMessageType t : values()) {
      if (t.code == code && t.existsIn(version)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName + String.format(" (0x%02x)", code);
  }
}
