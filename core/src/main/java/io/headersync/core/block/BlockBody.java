package io.headersync.core.block;

import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpException.Reason;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The part of a block a header commits to by root: transactions, ommers and (from Shanghai)
 * withdrawals, encoded as the list {@code [transactions, ommers, (withdrawals)]}.
 *
 * <p>Transactions are kept opaque, as their EIP-2718 envelopes: a legacy transaction is the raw
 * bytes of its RLP list item; a typed transaction is {@code type ‖ payload}, which travels as
 * the payload of an RLP string item. The envelope is exactly what the transactions trie stores,
 * so nothing here needs to understand a transaction's fields.
 *
 * <p>Items after withdrawals are kept as raw RLP in {@link #trailingItems()} and written back
 * unchanged. Some test files written during Prague's development carry a {@code requests} list
 * there; keeping them means such a file decodes, re-encodes byte for byte, and is judged only by
 * the roots the header actually commits to.
 *
 * <p>The byte arrays held here (envelopes, trailing items) are not copied on the way in or out:
 * treat them as read-only.
 */
public final class BlockBody {

  /** A body with no transactions, no ommers and no withdrawals list (pre-Shanghai shape). */
  public static final BlockBody EMPTY_LEGACY = new BlockBody(List.of(), List.of(), null);

  private final List<byte[]> transactions;
  private final List<BlockHeader> ommers;
  private final List<Withdrawal> withdrawals;
  private final List<byte[]> trailingItems;

  /**
   * @param transactions transaction envelopes (legacy RLP list, or {@code type ‖ payload})
   * @param ommers ommer headers
   * @param withdrawals withdrawals, or {@code null} for a body from before Shanghai
   */
  public BlockBody(List<byte[]> transactions, List<BlockHeader> ommers, List<Withdrawal> withdrawals) {
    this(transactions, ommers, withdrawals, List.of());
  }

  /**
   * @param trailingItems raw RLP items that follow the withdrawals; needs withdrawals, as the
   *     encoding is positional
   */
  public BlockBody(List<byte[]> transactions, List<BlockHeader> ommers, List<Withdrawal> withdrawals,
      List<byte[]> trailingItems) {
    this.transactions = List.copyOf(transactions);
    this.ommers = List.copyOf(ommers);
    this.withdrawals = withdrawals == null ? null : List.copyOf(withdrawals);
    this.trailingItems = List.copyOf(trailingItems);
    if (withdrawals == null && !this.trailingItems.isEmpty()) {
      throw new IllegalArgumentException("trailing body items need a withdrawals list before them");
    }
    for (int i = 0; i < this.transactions.size(); i++) {
      checkEnvelope(this.transactions.get(i), i);
    }
  }

  /**
   * Decodes exactly one body list from {@code bodyRlp}.
   *
   * @throws RlpException with the offset in {@code bodyRlp} of the offending item
   */
  public static BlockBody decode(byte[] bodyRlp) {
    RlpReader outer = RlpReader.wrap(bodyRlp);
    RlpReader items = outer.readList();
    outer.requireEnd();
    return readItems(items);
  }

  /**
   * Reads the body items {@code transactions, ommers, (withdrawals), (trailing…)} from
   * {@code items} up to its end; offsets in errors are those of {@code items}' array.
   */
  public static BlockBody readItems(RlpReader items) {
    items.requireNext("transactions");
    List<byte[]> txs = readTransactions(RlpItems.list(items, "transactions"));
    items.requireNext("ommers");
    RlpReader ommerItems = RlpItems.list(items, "ommers");
    List<BlockHeader> ommers = new ArrayList<>(1);
    for (int i = 0; ommerItems.hasNext(); i++) {
      ommers.add(RlpItems.header(ommerItems, "ommer " + i));
    }
    List<Withdrawal> withdrawals = null;
    List<byte[]> trailing = List.of();
    if (items.hasNext()) {
      RlpReader wItems = RlpItems.list(items, "withdrawals");
      withdrawals = new ArrayList<>(16);
      for (int i = 0; wItems.hasNext(); i++) {
        try {
          withdrawals.add(Withdrawal.read(wItems));
        } catch (RlpException e) {
          throw RlpItems.within(e, 0, "withdrawal " + i);
        }
      }
      while (items.hasNext()) {
        if (trailing.isEmpty()) {
          trailing = new ArrayList<>(1);
        }
        trailing.add(items.readRaw());
      }
    }
    return new BlockBody(txs, ommers, withdrawals, trailing);
  }

  private static List<byte[]> readTransactions(RlpReader txItems) {
    List<byte[]> txs = new ArrayList<>(64);
    for (int i = 0; txItems.hasNext(); i++) {
      int at = txItems.position();
      boolean legacy;
      try {
        legacy = txItems.nextIsList();
      } catch (RlpException e) {
        throw RlpItems.within(e, 0, "transaction " + i);
      }
      if (legacy) {
        txs.add(txItems.readRaw());
      } else {
        byte[] envelope = txItems.readBytes();
        if (envelope.length == 0 || (envelope[0] & 0xFF) > 0x7F) {
          throw new RlpException(Reason.UNEXPECTED_TYPE, at, "transaction " + i
              + ": a typed envelope starts with a type byte 0x00..0x7f, found "
              + (envelope.length == 0 ? "an empty string" : String.format("0x%02x", envelope[0] & 0xFF)));
        }
        txs.add(envelope);
      }
    }
    return txs;
  }

  /** Transaction envelopes in block order (not copies). */
  public List<byte[]> transactions() {
    return transactions;
  }

  public List<BlockHeader> ommers() {
    return ommers;
  }

  /** Withdrawals, or {@code null} for a body from before Shanghai. */
  public List<Withdrawal> withdrawals() {
    return withdrawals;
  }

  public boolean hasWithdrawals() {
    return withdrawals != null;
  }

  /** Raw RLP items found after the withdrawals (see the class comment). */
  public List<byte[]> trailingItems() {
    return trailingItems;
  }

  /** True for a legacy transaction (an RLP list), false for a typed envelope. */
  public static boolean isLegacy(byte[] envelope) {
    return (envelope[0] & 0xFF) >= 0xC0;
  }

  /** Appends the body list to {@code w}. */
  public RlpWriter writeTo(RlpWriter w) {
    w.startList();
    writeItemsTo(w);
    return w.endList();
  }

  /** Appends the body's items, without the enclosing list, as a full block encodes them. */
  public RlpWriter writeItemsTo(RlpWriter w) {
    w.startList();
    for (byte[] tx : transactions) {
      if (isLegacy(tx)) {
        w.writeRaw(tx);
      } else {
        w.writeBytes(tx);
      }
    }
    w.endList();
    writeOmmers(w);
    if (withdrawals != null) {
      w.startList();
      for (Withdrawal wd : withdrawals) {
        wd.writeTo(w);
      }
      w.endList();
      for (byte[] raw : trailingItems) {
        w.writeRaw(raw);
      }
    }
    return w;
  }

  /** The body list {@code [transactions, ommers, (withdrawals), …]}. */
  public byte[] encode() {
    return writeTo(new RlpWriter(estimatedSize())).toByteArray();
  }

  /** The RLP list of the ommer headers: what a header's ommers hash is the Keccak-256 of. */
  public byte[] encodeOmmers() {
    return writeOmmers(new RlpWriter(1 + 600 * ommers.size())).toByteArray();
  }

  private RlpWriter writeOmmers(RlpWriter w) {
    w.startList();
    for (BlockHeader ommer : ommers) {
      w.writeRaw(ommer.encoded());
    }
    return w.endList();
  }

  int estimatedSize() {
    int size = 16 + 600 * ommers.size() + (withdrawals == null ? 0 : 48 * withdrawals.size());
    for (byte[] tx : transactions) {
      size += tx.length + 5;
    }
    for (byte[] raw : trailingItems) {
      size += raw.length;
    }
    return size;
  }

  private static void checkEnvelope(byte[] envelope, int index) {
    Objects.requireNonNull(envelope, "transaction " + index);
    if (envelope.length == 0) {
      throw new IllegalArgumentException("transaction " + index + " is empty");
    }
    int first = envelope[0] & 0xFF;
    if (first >= 0x80 && first < 0xC0) {
      throw new IllegalArgumentException(String.format(
          "transaction %d starts with 0x%02x: neither a legacy RLP list nor a type byte", index, first));
    }
  }

  /** Equal when the encodings are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BlockBody b && Arrays.equals(encode(), b.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "BlockBody[" + transactions.size() + " txs, " + ommers.size() + " ommers, "
        + (withdrawals == null ? "no withdrawals" : withdrawals.size() + " withdrawals")
        + (trailingItems.isEmpty() ? "" : ", " + trailingItems.size() + " trailing items") + "]";
  }
}
