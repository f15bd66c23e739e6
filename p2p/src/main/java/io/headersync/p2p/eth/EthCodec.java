package io.headersync.p2p.eth;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ForkId;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessage.BlockBodies;
import io.headersync.p2p.eth.EthMessage.BlockHeaders;
import io.headersync.p2p.eth.EthMessage.BlockRangeUpdate;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetPooledTransactions;
import io.headersync.p2p.eth.EthMessage.GetReceipts;
import io.headersync.p2p.eth.EthMessage.NewBlock;
import io.headersync.p2p.eth.EthMessage.NewBlockHashes;
import io.headersync.p2p.eth.EthMessage.NewPooledTransactionHashes;
import io.headersync.p2p.eth.EthMessage.PooledTransactions;
import io.headersync.p2p.eth.EthMessage.Receipts;
import io.headersync.p2p.eth.EthMessage.Status68;
import io.headersync.p2p.eth.EthMessage.Status69;
import io.headersync.p2p.eth.EthMessage.Transactions;
import io.headersync.p2p.eth.EthProtocolException.Reason;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.BlockOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Encodes and decodes the messages of one eth version. Decoding checks every list's item count
 * against {@link EthLimits} before it allocates room for the items, and reports every fault as
 * one {@link EthProtocolException}: nothing else escapes, whatever the bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class EthCodec {

  private static final int HASH_ITEM_SIZE = 1 + Hash.SIZE;

  private final EthVersion version;
  private final EthLimits limits;

  public EthCodec(EthVersion version, EthLimits limits) {
    this.version = Objects.requireNonNull(version, "version");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public EthVersion version() {
    return version;
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes one message.
   *
   * @param code the eth-relative message code
   * @param payload the message's RLP, decompressed
   * @throws EthProtocolException for an unknown code or any fault in the payload
   */
  public EthMessage decode(int code, byte[] payload) throws EthProtocolException {
    EthMessageType type = EthMessageType.of(version, code).orElseThrow(() -> new EthProtocolException(
        Reason.UNKNOWN_MESSAGE, String.format("code 0x%02x is not a message of %s", code, version)));
    try {
      RlpReader outer = RlpReader.wrap(payload);
      RlpReader items = outer.readList();
      outer.requireEnd();
      EthMessage message = decode(type, items);
      items.requireEnd();
      return message;
    } catch (RlpException e) {
      throw new EthProtocolException(Reason.MALFORMED, type, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new EthProtocolException(Reason.INVALID_VALUE, type, e.getMessage());
    } catch (Limit e) {
      throw new EthProtocolException(Reason.OVER_LIMIT, type, e.getMessage());
    }
  }

  private EthMessage decode(EthMessageType type, RlpReader r) throws Limit {
    return switch (type) {
      case STATUS -> version == EthVersion.ETH68 ? status68(r) : status69(r);
      case NEW_BLOCK_HASHES -> newBlockHashes(r);
      case TRANSACTIONS -> new Transactions(rawItems(r, limits.maxTransactions(), "transactions"));
      case GET_BLOCK_HEADERS -> getBlockHeaders(r);
      case BLOCK_HEADERS -> blockHeaders(r);
      case GET_BLOCK_BODIES -> new GetBlockBodies(requestId(r), hashes(r, "hashes"));
      case BLOCK_BODIES -> blockBodies(r);
      case NEW_BLOCK -> newBlock(r);
      case NEW_POOLED_TRANSACTION_HASHES -> newPooledTransactionHashes(r);
      case GET_POOLED_TRANSACTIONS -> new GetPooledTransactions(requestId(r), hashes(r, "hashes"));
      case POOLED_TRANSACTIONS -> {
        long id = requestId(r);
        r.requireNext("transactions");
        yield new PooledTransactions(id, rawItems(r.readList(), limits.maxTransactions(), "transactions"));
      }
      case GET_RECEIPTS -> new GetReceipts(requestId(r), hashes(r, "hashes"));
      case RECEIPTS -> {
        long id = requestId(r);
        r.requireNext("receipt lists");
        yield new Receipts(id, rawItems(r.readList(), limits.maxTransactions(), "receipt lists"));
      }
      case BLOCK_RANGE_UPDATE -> {
        r.requireNext("earliest");
        long earliest = r.readLong();
        r.requireNext("latest");
        long latest = r.readLong();
        r.requireNext("latestHash");
        yield new BlockRangeUpdate(earliest, latest, hash(r));
      }
    };
  }

  private Status68 status68(RlpReader r) {
    r.requireNext("version");
    int vsn = r.readInt();
    r.requireNext("networkid");
    long networkId = readUint64(r);
    r.requireNext("td");
    var td = r.readUInt256();
    r.requireNext("blockhash");
    Hash head = hash(r);
    r.requireNext("genesis");
    Hash genesis = hash(r);
    r.requireNext("forkid");
    ForkId forkId = ForkId.read(r);
    return new Status68(vsn, networkId, td, head, genesis, forkId);
  }

  private Status69 status69(RlpReader r) {
    r.requireNext("version");
    int vsn = r.readInt();
    r.requireNext("networkid");
    long networkId = readUint64(r);
    r.requireNext("genesis");
    Hash genesis = hash(r);
    r.requireNext("forkid");
    ForkId forkId = ForkId.read(r);
    r.requireNext("earliestBlock");
    long earliest = r.readLong();
    r.requireNext("latestBlock");
    long latest = r.readLong();
    r.requireNext("latestBlockHash");
    return new Status69(vsn, networkId, genesis, forkId, earliest, latest, hash(r));
  }

  private NewBlockHashes newBlockHashes(RlpReader r) throws Limit {
    int count = countItems(r, limits.maxAnnouncedBlocks(), "announced blocks");
    List<AnnouncedBlock> blocks = new ArrayList<>(count);
    while (r.hasNext()) {
      RlpReader entry = r.readList();
      entry.requireNext("hash");
      Hash hash = hash(entry);
      entry.requireNext("number");
      long number = entry.readLong();
      entry.requireEnd();
      blocks.add(new AnnouncedBlock(hash, number));
    }
    return new NewBlockHashes(blocks);
  }

  private GetBlockHeaders getBlockHeaders(RlpReader r) {
    long id = requestId(r);
    r.requireNext("query");
    RlpReader q = r.readList();
    q.requireNext("origin");
    BlockOrigin origin;
    if (!q.nextIsList() && q.nextPayloadLength() == Hash.SIZE) {
      origin = BlockOrigin.hash(hash(q));
    } else {
      origin = BlockOrigin.number(q.readLong());
    }
    q.requireNext("limit");
    long limit = readUint64(q);
    q.requireNext("skip");
    long skip = readUint64(q);
    q.requireNext("reverse");
    long reverse = q.readLong();
    if (reverse > 1) {
      throw new IllegalArgumentException("reverse must be 0 or 1, found " + reverse);
    }
    q.requireEnd();
    return new GetBlockHeaders(id, origin, limit, skip, reverse == 1);
  }

  private BlockHeaders blockHeaders(RlpReader r) throws Limit {
    long id = requestId(r);
    r.requireNext("headers");
    RlpReader items = r.readList();
    int count = countItems(items, limits.maxHeaders(), "headers");
    List<BlockHeader> headers = new ArrayList<>(count);
    while (items.hasNext()) {
      headers.add(BlockHeader.decode(items));
    }
    return new BlockHeaders(id, headers);
  }

  private BlockBodies blockBodies(RlpReader r) throws Limit {
    long id = requestId(r);
    r.requireNext("bodies");
    RlpReader items = r.readList();
    int count = countItems(items, limits.maxBodies(), "bodies");
    List<BlockBody> bodies = new ArrayList<>(count);
    while (items.hasNext()) {
      bodies.add(BlockBody.readItems(items.readList()));
    }
    return new BlockBodies(id, bodies);
  }

  private NewBlock newBlock(RlpReader r) {
    r.requireNext("block");
    if (!r.nextIsList()) {
      r.readList(); // raises the typed RLP error
    }
    Block block = Block.decode(r.readRaw());
    r.requireNext("td");
    return new NewBlock(block, r.readUInt256());
  }

  private NewPooledTransactionHashes newPooledTransactionHashes(RlpReader r) throws Limit {
    r.requireNext("types");
    if (!r.nextIsList() && r.nextPayloadLength() > limits.maxHashes()) {
      throw new Limit(r.nextPayloadLength() + " transaction types, at most " + limits.maxHashes());
    }
    byte[] types = r.readBytes();
    r.requireNext("sizes");
    RlpReader sizeItems = r.readList();
    int count = countItems(sizeItems, limits.maxHashes(), "sizes");
    List<Long> sizes = new ArrayList<>(count);
    while (sizeItems.hasNext()) {
      sizes.add(sizeItems.readLong());
    }
    return new NewPooledTransactionHashes(types, sizes, hashes(r, "hashes"));
  }

  private static long requestId(RlpReader r) {
    r.requireNext("request-id");
    return readUint64(r);
  }

  /** The next item as a list of 32-byte hashes, its count checked from its length before reading. */
  private List<Hash> hashes(RlpReader r, String what) throws Limit {
    r.requireNext(what);
    if (r.nextIsList() && r.nextPayloadLength() > (long) limits.maxHashes() * HASH_ITEM_SIZE) {
      throw new Limit(what + ": " + r.nextPayloadLength() + " bytes is more than " + limits.maxHashes() + " hashes");
    }
    RlpReader items = r.readList();
    List<Hash> hashes = new ArrayList<>((items.limit() - items.position()) / HASH_ITEM_SIZE);
    while (items.hasNext()) {
      hashes.add(hash(items));
    }
    return hashes;
  }

  /** The remaining items of {@code items}, each copied whole, after checking how many there are. */
  private static List<byte[]> rawItems(RlpReader items, int cap, String what) throws Limit {
    int count = countItems(items, cap, what);
    List<byte[]> out = new ArrayList<>(count);
    while (items.hasNext()) {
      out.add(items.readRaw());
    }
    return out;
  }

  /** Counts the items left in {@code items} without moving it or allocating, failing past {@code cap}. */
  private static int countItems(RlpReader items, int cap, String what) throws Limit {
    RlpReader scan = RlpReader.wrap(items.array(), items.position(), items.limit() - items.position());
    int count = 0;
    while (scan.hasNext()) {
      scan.skip();
      if (++count > cap) {
        throw new Limit("more than " + cap + " " + what);
      }
    }
    return count;
  }

  private static Hash hash(RlpReader r) {
    return Hash.wrap(r.readFixed(Hash.SIZE));
  }

  /** An unsigned 64-bit scalar, held in a long (values of 2^63 and above read as negative). */
  static long readUint64(RlpReader r) {
    return r.readBigInteger(8).longValue();
  }

  static void writeUint64(RlpWriter w, long value) {
    if (value >= 0) {
      w.writeLong(value);
    } else {
      byte[] b = new byte[8];
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (value >>> (56 - 8 * i));
      }
      w.writeBytes(b);
    }
  }

  /** A count over its cap: turned into {@link Reason#OVER_LIMIT} at the top. */
  private static final class Limit extends Exception {
    private static final long serialVersionUID = 1L;

    Limit(String message) {
      super(message, null, false, false);
    }
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes {@code message}'s payload.
   *
   * @throws IllegalArgumentException when the message does not exist in this codec's version
   */
  public byte[] encode(EthMessage message) {
    if (!message.type().existsIn(version)) {
      throw new IllegalArgumentException(message.type() + " does not exist in " + version);
    }
    RlpWriter w = new RlpWriter(256);
    w.startList();
    switch (message) {
      case Status68 s -> {
        requireStatusVersion(EthVersion.ETH68);
        w.writeLong(s.version());
        writeUint64(w, s.networkId());
        w.writeBigInteger(s.totalDifficulty());
        w.writeBytes(s.head().unsafeArray());
        w.writeBytes(s.genesis().unsafeArray());
        s.forkId().writeTo(w);
      }
      case Status69 s -> {
        requireStatusVersion(EthVersion.ETH69);
        w.writeLong(s.version());
        writeUint64(w, s.networkId());
        w.writeBytes(s.genesis().unsafeArray());
        s.forkId().writeTo(w);
        w.writeLong(s.earliest()).writeLong(s.latest()).writeBytes(s.latestHash().unsafeArray());
      }
      case NewBlockHashes m -> {
        for (AnnouncedBlock b : m.blocks()) {
          w.startList().writeBytes(b.hash().unsafeArray()).writeLong(b.number()).endList();
        }
      }
      case Transactions m -> m.transactions().forEach(w::writeRaw);
      case GetBlockHeaders m -> {
        writeUint64(w, m.requestId());
        w.startList();
        switch (m.origin()) {
          case BlockOrigin.ByHash h -> w.writeBytes(h.hash().unsafeArray());
          case BlockOrigin.ByNumber n -> w.writeLong(n.number());
        }
        writeUint64(w, m.limit());
        writeUint64(w, m.skip());
        w.writeLong(m.reverse() ? 1 : 0);
        w.endList();
      }
      case BlockHeaders m -> writeList(w, m.requestId(), m.headers(), h -> h.encoded());
      case GetBlockBodies m -> writeHashes(w, m.requestId(), m.hashes());
      case BlockBodies m -> {
        writeUint64(w, m.requestId());
        w.startList();
        m.bodies().forEach(b -> b.writeTo(w));
        w.endList();
      }
      case NewBlock m -> w.writeRaw(m.block().encode()).writeBigInteger(m.totalDifficulty());
      case NewPooledTransactionHashes m -> {
        w.writeBytes(m.types());
        w.startList();
        m.sizes().forEach(w::writeLong);
        w.endList();
        w.startList();
        m.hashes().forEach(h -> w.writeBytes(h.unsafeArray()));
        w.endList();
      }
      case GetPooledTransactions m -> writeHashes(w, m.requestId(), m.hashes());
      case PooledTransactions m -> writeList(w, m.requestId(), m.transactions(), Function.identity());
      case GetReceipts m -> writeHashes(w, m.requestId(), m.hashes());
      case Receipts m -> writeList(w, m.requestId(), m.blockReceipts(), Function.identity());
      case BlockRangeUpdate m -> w.writeLong(m.earliest()).writeLong(m.latest()).writeBytes(m.latestHash().unsafeArray());
    }
    w.endList();
    return w.toByteArray();
  }

  /**
   * A response {@code [request-id, [item, ...]]} from items already encoded (stored header or
   * body RLP), so a server answers without decoding what it serves.
   */
  public static byte[] encodeResponse(long requestId, List<byte[]> encodedItems) {
    int size = 16;
    for (byte[] item : encodedItems) {
      size += item.length;
    }
    RlpWriter w = new RlpWriter(size);
    w.startList();
    writeList(w, requestId, encodedItems, Function.identity());
    w.endList();
    return w.toByteArray();
  }

  private void requireStatusVersion(EthVersion expected) {
    if (version != expected) {
      throw new IllegalArgumentException("a " + expected + " Status cannot be sent on " + version);
    }
  }

  private static <T> void writeList(RlpWriter w, long requestId, List<T> items, Function<T, byte[]> raw) {
    writeUint64(w, requestId);
    w.startList();
    for (T item : items) {
      w.writeRaw(raw.apply(item));
    }
    w.endList();
  }

  private static void writeHashes(RlpWriter w, long requestId, List<Hash> hashes) {
    writeUint64(w, requestId);
    w.startList();
    hashes.forEach(h -> w.writeBytes(h.unsafeArray()));
    w.endList();
  }
}
