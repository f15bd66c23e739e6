package io.headersync.p2p.eth;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ForkId;
import io.headersync.sync.api.BlockOrigin;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The eth/68 and eth/69 messages headersync reads and writes, decoded. Request ids (EIP-2481) and
 * a few counts are unsigned 64-bit values on the wire and are held in a {@code long}: compare
 * them with {@link Long#compareUnsigned}, print them with {@link Long#toUnsignedString}.
 *
 * <p>Byte arrays held here (transactions, receipts) are not copied: treat them as read-only.
 */
public sealed interface EthMessage {

  EthMessageType type();

  /** A message that carries an EIP-2481 request id: a request, or the response that mirrors it. */
  sealed interface WithRequestId extends EthMessage {
    long requestId();
  }

  /** An answer to one of our requests, matched to it by request id. */
  sealed interface Response extends WithRequestId {
    /** How many items the answer holds. */
    int size();
  }

  /** eth/68 Status: {@code [version, networkid, td, blockhash, genesis, forkid]}. */
  record Status68(int version, long networkId, BigInteger totalDifficulty, Hash head, Hash genesis, ForkId forkId)
      implements EthMessage {
    public Status68 {
      Objects.requireNonNull(totalDifficulty, "totalDifficulty");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(forkId, "forkId");
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.STATUS;
    }
  }

  /** eth/69 Status: {@code [version, networkid, genesis, forkid, earliest, latest, latestHash]}. */
  record Status69(int version, long networkId, Hash genesis, ForkId forkId, long earliest, long latest, Hash latestHash)
      implements EthMessage {
    public Status69 {
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(forkId, "forkId");
      Objects.requireNonNull(latestHash, "latestHash");
      if (earliest < 0 || latest < earliest) {
        throw new IllegalArgumentException("bad block range " + earliest + ".." + latest);
      }
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.STATUS;
    }
  }

  /** One entry of NewBlockHashes. */
  record AnnouncedBlock(Hash hash, long number) {
    public AnnouncedBlock {
      Objects.requireNonNull(hash, "hash");
      if (number < 0) {
        throw new IllegalArgumentException("block number must not be negative: " + number);
      }
    }
  }

  /** eth/68 NewBlockHashes: {@code [[hash, number], ...]}. */
  record NewBlockHashes(List<AnnouncedBlock> blocks) implements EthMessage {
    public NewBlockHashes {
      blocks = List.copyOf(blocks);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.NEW_BLOCK_HASHES;
    }
  }

  /** Transactions: {@code [tx, ...]}, each envelope as raw RLP. A header node has no pool and ignores them. */
  record Transactions(List<byte[]> transactions) implements EthMessage {
    public Transactions {
      transactions = List.copyOf(transactions);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.TRANSACTIONS;
    }
  }

  /**
   * GetBlockHeaders: {@code [request-id, [origin, limit, skip, reverse]]}. {@code limit} and
   * {@code skip} are unsigned on the wire; a server clamps them.
   */
  record GetBlockHeaders(long requestId, BlockOrigin origin, long limit, long skip, boolean reverse)
      implements WithRequestId {
    public GetBlockHeaders {
      Objects.requireNonNull(origin, "origin");
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.GET_BLOCK_HEADERS;
    }
  }

  /** BlockHeaders: {@code [request-id, [header, ...]]}; each header keeps the bytes it arrived as. */
  record BlockHeaders(long requestId, List<BlockHeader> headers) implements Response {
    public BlockHeaders {
      headers = List.copyOf(headers);
    }

    @Override
    public int size() {
      return headers.size();
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.BLOCK_HEADERS;
    }
  }

  /** GetBlockBodies: {@code [request-id, [hash, ...]]}. */
  record GetBlockBodies(long requestId, List<Hash> hashes) implements WithRequestId {
    public GetBlockBodies {
      hashes = List.copyOf(hashes);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.GET_BLOCK_BODIES;
    }
  }

  /** BlockBodies: {@code [request-id, [body, ...]]}. */
  record BlockBodies(long requestId, List<BlockBody> bodies) implements Response {
    public BlockBodies {
      bodies = List.copyOf(bodies);
    }

    @Override
    public int size() {
      return bodies.size();
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.BLOCK_BODIES;
    }
  }

  /** eth/68 NewBlock: {@code [block, td]}. */
  record NewBlock(Block block, BigInteger totalDifficulty) implements EthMessage {
    public NewBlock {
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(totalDifficulty, "totalDifficulty");
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.NEW_BLOCK;
    }
  }

  /** eth/68+ NewPooledTransactionHashes: {@code [types, [size, ...], [hash, ...]]}, all three the same length. */
  record NewPooledTransactionHashes(byte[] types, List<Long> sizes, List<Hash> hashes) implements EthMessage {
    public NewPooledTransactionHashes {
      Objects.requireNonNull(types, "types");
      sizes = List.copyOf(sizes);
      hashes = List.copyOf(hashes);
      if (types.length != sizes.size() || sizes.size() != hashes.size()) {
        throw new IllegalArgumentException("types, sizes and hashes differ in length: "
            + types.length + ", " + sizes.size() + ", " + hashes.size());
      }
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.NEW_POOLED_TRANSACTION_HASHES;
    }
  }

  /** GetPooledTransactions: {@code [request-id, [hash, ...]]}; answered with an empty list (no pool). */
  record GetPooledTransactions(long requestId, List<Hash> hashes) implements WithRequestId {
    public GetPooledTransactions {
      hashes = List.copyOf(hashes);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.GET_POOLED_TRANSACTIONS;
    }
  }

  /** PooledTransactions: {@code [request-id, [tx, ...]]}, each transaction as raw RLP. We never ask for them. */
  record PooledTransactions(long requestId, List<byte[]> transactions) implements WithRequestId {
    public PooledTransactions {
      transactions = List.copyOf(transactions);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.POOLED_TRANSACTIONS;
    }
  }

  /** GetReceipts: {@code [request-id, [hash, ...]]}; answered with an empty list (no receipts kept). */
  record GetReceipts(long requestId, List<Hash> hashes) implements WithRequestId {
    public GetReceipts {
      hashes = List.copyOf(hashes);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.GET_RECEIPTS;
    }
  }

  /**
   * Receipts: {@code [request-id, [[receipt, ...], ...]]}, each block's list as raw RLP (eth/68
   * and eth/69 encode receipts differently; nothing here reads inside them). We never ask for them.
   */
  record Receipts(long requestId, List<byte[]> blockReceipts) implements WithRequestId {
    public Receipts {
      blockReceipts = List.copyOf(blockReceipts);
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.RECEIPTS;
    }
  }

  /** eth/69 BlockRangeUpdate: {@code [earliest, latest, latestHash]}. */
  record BlockRangeUpdate(long earliest, long latest, Hash latestHash) implements EthMessage {
    public BlockRangeUpdate {
      Objects.requireNonNull(latestHash, "latestHash");
      if (earliest < 0 || latest < earliest) {
        throw new IllegalArgumentException("bad block range " + earliest + ".." + latest);
      }
    }

    @Override
    public EthMessageType type() {
      return EthMessageType.BLOCK_RANGE_UPDATE;
    }
  }
}
