package io.headersync.p2p.eth;

/**
 * Caps the decoders check before they allocate. A message over a cap is a protocol breach: the
 * caps sit well above what any working client sends, so only a broken or hostile peer meets them.
 * Messages are already bounded in bytes by the RLPx session (16 MiB); these bound the item counts.
 *
 * @param maxHeaders headers in one BlockHeaders. 1024: the serving limit of geth, Reth, Besu and
 *     Nethermind, so no honest answer is longer
 * @param maxBodies bodies in one BlockBodies. 1024, for the same reason
 * @param maxHashes hashes in one GetBlockBodies, GetReceipts or GetPooledTransactions, and entries
 *     in one NewPooledTransactionHashes. 8192 (270 KB of hashes): eight times the largest request
 *     a client makes (1024), twice the specification's soft limit of 4096 announced transactions
 * @param maxAnnouncedBlocks entries in one NewBlockHashes. 256: a peer announces the blocks it
 *     mined or imported since its last message, one or a handful
 * @param maxTransactions transactions in one Transactions or PooledTransactions, or receipt lists
 *     in one Receipts. 16384: a 10 MiB message of the smallest transactions (about 110 bytes) holds
 *     fewer than 100,000; 16384 keeps list overhead small while no real gossip message reaches it
 */
public record EthLimits(int maxHeaders, int maxBodies, int maxHashes, int maxAnnouncedBlocks, int maxTransactions) {

  public static final EthLimits DEFAULT = new EthLimits(1024, 1024, 8192, 256, 16_384);

  public EthLimits {
    if (maxHeaders < 1 || maxBodies < 1 || maxHashes < 1 || maxAnnouncedBlocks < 1 || maxTransactions < 1) {
      throw new IllegalArgumentException("every cap must be at least 1");
    }
  }
}
