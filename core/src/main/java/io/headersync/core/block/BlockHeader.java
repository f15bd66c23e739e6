package io.headersync.core.block;

import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block header of any fork, with the exact bytes it was decoded from.
 *
 * <p>Optional fields are {@code null} (objects) or {@code -1} (longs) when the header's shape
 * does not have them. Fields beyond Prague's 21 are kept as raw RLP items in {@link #extraFields()}
 * so that a header of a fork this code does not know yet still hashes correctly.
 */
public final class BlockHeader {

  private static final int BLOOM_SIZE = 256;
  private static final int NONCE_SIZE = 8;
  /**
   * Positions in the header's field list, for code that reads one field from the RLP without
   * decoding the rest (a store walk, a seal hash): the layout is this class's to know.
   */
  public static final int DIFFICULTY_FIELD = 7;
  /** Position of extraData in the header's field list; see {@link #DIFFICULTY_FIELD}. */
  public static final int EXTRA_DATA_FIELD = 12;

  private final Hash parentHash;
  private final Hash ommersHash;
  private final Address beneficiary;
  private final Hash stateRoot;
  private final Hash transactionsRoot;
  private final Hash receiptsRoot;
  private final byte[] logsBloom;
  private final BigInteger difficulty;
  private final long number;
  private final long gasLimit;
  private final long gasUsed;
  private final long timestamp;
  private final byte[] extraData;
  private final Hash mixHash;
  private final long nonce;
  private final BigInteger baseFeePerGas;
  private final Hash withdrawalsRoot;
  private final long blobGasUsed;
  private final long excessBlobGas;
  private final Hash parentBeaconBlockRoot;
  private final Hash requestsHash;
  private final List<byte[]> extraFields;
  private final int fieldCount;

  private final byte[] encoded;
  private Hash hash; // computed on first use; racy but idempotent

  private BlockHeader(RlpReader fields, byte[] encoded) {
    this.encoded = encoded;
    int count = 0;
    fields.requireNext("parentHash");
    parentHash = Hash.wrap(fields.readFixed(32));
    fields.requireNext("ommersHash");
    ommersHash = Hash.wrap(fields.readFixed(32));
    fields.requireNext("beneficiary");
    beneficiary = Address.of(fields.readFixed(20));
    fields.requireNext("stateRoot");
    stateRoot = Hash.wrap(fields.readFixed(32));
    fields.requireNext("transactionsRoot");
    transactionsRoot = Hash.wrap(fields.readFixed(32));
    fields.requireNext("receiptsRoot");
    receiptsRoot = Hash.wrap(fields.readFixed(32));
    fields.requireNext("logsBloom");
    logsBloom = fields.readFixed(BLOOM_SIZE);
    fields.requireNext("difficulty");
    difficulty = fields.readUInt256();
    fields.requireNext("number");
    number = fields.readLong();
    fields.requireNext("gasLimit");
    gasLimit = fields.readLong();
    fields.requireNext("gasUsed");
    gasUsed = fields.readLong();
    fields.requireNext("timestamp");
    timestamp = fields.readLong();
    fields.requireNext("extraData");
    extraData = fields.readBytes();
    fields.requireNext("mixHash");
    mixHash = Hash.wrap(fields.readFixed(32));
    fields.requireNext("nonce");
    nonce = bigEndianLong(fields.readFixed(NONCE_SIZE));
    count = 15;
    baseFeePerGas = fields.hasNext() ? fields.readUInt256() : null;
    if (baseFeePerGas != null) {
      count++;
    }
    withdrawalsRoot = fields.hasNext() ? Hash.wrap(fields.readFixed(32)) : null;
    if (withdrawalsRoot != null) {
      count++;
    }
    if (fields.hasNext()) {
      blobGasUsed = fields.readLong();
      fields.requireNext("excessBlobGas");
      excessBlobGas = fields.readLong();
      fields.requireNext("parentBeaconBlockRoot");
      parentBeaconBlockRoot = Hash.wrap(fields.readFixed(32));
      count += 3;
    } else {
      blobGasUsed = -1;
      excessBlobGas = -1;
      parentBeaconBlockRoot = null;
    }
    requestsHash = fields.hasNext() ? Hash.wrap(fields.readFixed(32)) : null;
    if (requestsHash != null) {
      count++;
    }
    List<byte[]> extra = List.of();
    while (fields.hasNext()) {
      if (extra.isEmpty()) {
        extra = new ArrayList<>(2);
      }
      extra.add(fields.readRaw());
      count++;
    }
    extraFields = extra.isEmpty() ? List.of() : List.copyOf(extra);
    fieldCount = count;
  }

  /**
   * Decodes a header from exactly {@code rlp}, which it keeps (the caller must not change it).
   *
   * @throws RlpException when the bytes are not one canonical header list
   */
  public static BlockHeader decode(byte[] rlp) {
    RlpReader outer = RlpReader.wrap(rlp);
    RlpReader fields = outer.readList();
    outer.requireEnd();
    BlockHeader header = new BlockHeader(fields, rlp);
    fields.requireEnd();
    return header;
  }

  /** Decodes the next item of {@code reader} as a header, copying its bytes. */
  public static BlockHeader decode(RlpReader reader) {
    int start = reader.position();
    int size = reader.nextItemSize();
    return decode(Arrays.copyOfRange(reader.array(), start, start + size), reader);
  }

  private static BlockHeader decode(byte[] copy, RlpReader advancePast) {
    BlockHeader header = decode(copy);
    advancePast.skip();
    return header;
  }

  /** The header's RLP exactly as received or built (not a copy: do not modify). */
  public byte[] encoded() {
    return encoded;
  }

  /** Keccak-256 of {@link #encoded()}. */
  public Hash hash() {
    Hash h = hash;
    if (h == null) {
      h = Keccak.keccak256(encoded);
      hash = h;
    }
    return h;
  }

  /** Sets the hash when a trusted source (the store) already knows it, to skip hashing. */
  public BlockHeader withKnownHash(Hash known) {
    this.hash = known;
    return this;
  }

  /**
   * The hash a proof-of-work seal commits to: the header's list without mixHash and nonce.
   */
  public Hash sealHash() {
    RlpReader fields = RlpReader.wrap(encoded).readList();
    RlpWriter w = new RlpWriter(encoded.length);
    w.startList();
    for (int i = 0; fields.hasNext(); i++) {
      int start = fields.position();
      fields.skip();
      if (i != 13 && i != 14) {
        w.writeRaw(encoded, start, fields.position() - start);
      }
    }
    w.endList();
    return Keccak.keccak256(w.toByteArray());
  }

  public HeaderShape shape() {
    return HeaderShape.forFieldCount(fieldCount);
  }

  /** Number of RLP fields, including unknown trailing ones. */
  public int fieldCount() {
    return fieldCount;
  }

  public Hash parentHash() {
    return parentHash;
  }

  public Hash ommersHash() {
    return ommersHash;
  }

  public Address beneficiary() {
    return beneficiary;
  }

  public Hash stateRoot() {
    return stateRoot;
  }

  public Hash transactionsRoot() {
    return transactionsRoot;
  }

  public Hash receiptsRoot() {
    return receiptsRoot;
  }

  /** A copy of the 256-byte logs bloom. */
  public byte[] logsBloom() {
    return logsBloom.clone();
  }

  public BigInteger difficulty() {
    return difficulty;
  }

  public long number() {
    return number;
  }

  public long gasLimit() {
    return gasLimit;
  }

  public long gasUsed() {
    return gasUsed;
  }

  public long timestamp() {
    return timestamp;
  }

  /** A copy of the extra data. */
  public byte[] extraData() {
    return extraData.clone();
  }

  public int extraDataLength() {
    return extraData.length;
  }

  public Hash mixHash() {
    return mixHash;
  }

  /** The 8-byte nonce as a big-endian long (may be negative: it is 64 raw bits). */
  public long nonce() {
    return nonce;
  }

  public boolean hasBaseFee() {
    return baseFeePerGas != null;
  }

  /** Base fee, or {@code null} before London. */
  public BigInteger baseFeePerGas() {
    return baseFeePerGas;
  }

  /** Withdrawals root, or {@code null} before Shanghai. */
  public Hash withdrawalsRoot() {
    return withdrawalsRoot;
  }

  public boolean hasBlobGas() {
    return blobGasUsed >= 0;
  }

  /** Blob gas used, or -1 before Cancun. */
  public long blobGasUsed() {
    return blobGasUsed;
  }

  /** Excess blob gas, or -1 before Cancun. */
  public long excessBlobGas() {
    return excessBlobGas;
  }

  /** Parent beacon block root, or {@code null} before Cancun. */
  public Hash parentBeaconBlockRoot() {
    return parentBeaconBlockRoot;
  }

  /** Requests hash, or {@code null} before Prague. */
  public Hash requestsHash() {
    return requestsHash;
  }

  /** Raw RLP items after the fields this code knows. */
  public List<byte[]> extraFields() {
    return extraFields;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that copies every field of this header, to derive a changed one. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .parentHash(parentHash).ommersHash(ommersHash).beneficiary(beneficiary).stateRoot(stateRoot)
        .transactionsRoot(transactionsRoot).receiptsRoot(receiptsRoot).logsBloom(logsBloom)
        .difficulty(difficulty).number(number).gasLimit(gasLimit).gasUsed(gasUsed).timestamp(timestamp)
        .extraData(extraData).mixHash(mixHash).nonce(nonce).baseFeePerGas(baseFeePerGas)
        .withdrawalsRoot(withdrawalsRoot).parentBeaconBlockRoot(parentBeaconBlockRoot).requestsHash(requestsHash);
    if (hasBlobGas()) {
      b.blobGas(blobGasUsed, excessBlobGas);
    }
    b.extraFields = extraFields;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader h && Arrays.equals(encoded, h.encoded);
  }

  @Override
  public int hashCode() {
    return hash().hashCode();
  }

  @Override
  public String toString() {
    return "#" + number + " " + hash();
  }

  private static long bigEndianLong(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  /**
   * Builds a header and encodes it. Optional fields left unset are left out; setting a later
   * fork's field requires every earlier optional field to be set too, as the encoding is
   * positional.
   */
  public static final class Builder {
    private Hash parentHash = Hash.ZERO;
    private Hash ommersHash = Keccak.EMPTY_LIST;
    private Address beneficiary = Address.ZERO;
    private Hash stateRoot = Hash.ZERO;
    private Hash transactionsRoot = Hash.ZERO;
    private Hash receiptsRoot = Hash.ZERO;
    private byte[] logsBloom = new byte[BLOOM_SIZE];
    private BigInteger difficulty = BigInteger.ZERO;
    private long number;
    private long gasLimit;
    private long gasUsed;
    private long timestamp;
    private byte[] extraData = new byte[0];
    private Hash mixHash = Hash.ZERO;
    private long nonce;
    private BigInteger baseFeePerGas;
    private Hash withdrawalsRoot;
    private long blobGasUsed = -1;
    private long excessBlobGas = -1;
    private Hash parentBeaconBlockRoot;
    private Hash requestsHash;
    private List<byte[]> extraFields = List.of();

    public Builder parentHash(Hash v) { parentHash = v; return this; }
    public Builder ommersHash(Hash v) { ommersHash = v; return this; }
    public Builder beneficiary(Address v) { beneficiary = v; return this; }
    public Builder stateRoot(Hash v) { stateRoot = v; return this; }
    public Builder transactionsRoot(Hash v) { transactionsRoot = v; return this; }
    public Builder receiptsRoot(Hash v) { receiptsRoot = v; return this; }
    public Builder logsBloom(byte[] v) { logsBloom = v.clone(); return this; }
    public Builder difficulty(BigInteger v) { difficulty = v; return this; }
    public Builder number(long v) { number = v; return this; }
    public Builder gasLimit(long v) { gasLimit = v; return this; }
    public Builder gasUsed(long v) { gasUsed = v; return this; }
    public Builder timestamp(long v) { timestamp = v; return this; }
    public Builder extraData(byte[] v) { extraData = v.clone(); return this; }
    public Builder mixHash(Hash v) { mixHash = v; return this; }
    public Builder nonce(long v) { nonce = v; return this; }
    public Builder baseFeePerGas(BigInteger v) { baseFeePerGas = v; return this; }
    public Builder withdrawalsRoot(Hash v) { withdrawalsRoot = v; return this; }
    public Builder blobGas(long used, long excess) { blobGasUsed = used; excessBlobGas = excess; return this; }
    public Builder parentBeaconBlockRoot(Hash v) { parentBeaconBlockRoot = v; return this; }
    public Builder requestsHash(Hash v) { requestsHash = v; return this; }

    public BlockHeader build() {
      RlpWriter w = new RlpWriter(640);
      w.startList()
          .writeBytes(parentHash.unsafeArray()).writeBytes(ommersHash.unsafeArray())
          .writeBytes(beneficiary.unsafeArray()).writeBytes(stateRoot.unsafeArray())
          .writeBytes(transactionsRoot.unsafeArray()).writeBytes(receiptsRoot.unsafeArray())
          .writeBytes(logsBloom).writeBigInteger(difficulty).writeLong(number)
          .writeLong(gasLimit).writeLong(gasUsed).writeLong(timestamp).writeBytes(extraData)
          .writeBytes(mixHash.unsafeArray());
      byte[] nonceBytes = new byte[NONCE_SIZE];
      for (int i = 0; i < NONCE_SIZE; i++) {
        nonceBytes[i] = (byte) (nonce >>> (56 - 8 * i));
      }
      w.writeBytes(nonceBytes);
      boolean later = withdrawalsRoot != null || blobGasUsed >= 0 || parentBeaconBlockRoot != null
          || requestsHash != null || !extraFields.isEmpty();
      if (baseFeePerGas != null) {
        w.writeBigInteger(baseFeePerGas);
      } else if (later) {
        throw new IllegalStateException("a later fork's field is set but baseFeePerGas is not");
      }
      later = blobGasUsed >= 0 || parentBeaconBlockRoot != null || requestsHash != null || !extraFields.isEmpty();
      if (withdrawalsRoot != null) {
        w.writeBytes(withdrawalsRoot.unsafeArray());
      } else if (later) {
        throw new IllegalStateException("a later fork's field is set but withdrawalsRoot is not");
      }
      if (blobGasUsed >= 0 && parentBeaconBlockRoot != null) {
        w.writeLong(blobGasUsed).writeLong(excessBlobGas).writeBytes(parentBeaconBlockRoot.unsafeArray());
      } else if (blobGasUsed >= 0 || parentBeaconBlockRoot != null || requestsHash != null || !extraFields.isEmpty()) {
        throw new IllegalStateException("Cancun fields must be set together, and before later ones");
      }
      if (requestsHash != null) {
        w.writeBytes(requestsHash.unsafeArray());
      } else if (!extraFields.isEmpty()) {
        throw new IllegalStateException("extra fields need requestsHash");
      }
      for (byte[] raw : extraFields) {
        w.writeRaw(raw);
      }
      w.endList();
      return decode(w.toByteArray());
    }
  }
}
