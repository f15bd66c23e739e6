package io.headersync.core.portal;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.era.EpochAccumulator;
import io.headersync.core.era.EpochCheck;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.rlp.RlpException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block header as the portal history network serves it, with the proof that it is canonical:
 * SSZ {@code Container(header: ByteList[8192], proof: ByteList[1024])}, that is a 4-byte offset
 * of the header RLP, a 4-byte offset of the proof, then both.
 *
 * <p>For a pre-merge header the proof is 15 hashes linking the block hash to its epoch's root in
 * the {@link HistoricalAccumulator}; {@link #verifyPreMerge} checks it. Post-merge proofs go
 * through beacon chain roots and are kept here as raw bytes only.
 */
public final class HeaderWithProof {

  /** Limit of the header byte list. */
  public static final int MAX_HEADER_LENGTH = 8192;
  /** Limit of the proof byte list. */
  public static final int MAX_PROOF_LENGTH = 1024;
  private static final int FIXED_PART = 8;

  private final byte[] headerRlp;
  private final byte[] proof;

  private HeaderWithProof(byte[] headerRlp, byte[] proof) {
    this.headerRlp = headerRlp;
    this.proof = proof;
  }

  /** Decodes a content value, checking both offsets and both limits. */
  public static HeaderWithProof decode(byte[] ssz) throws ContentFormatException {
    if (ssz.length < FIXED_PART) {
      throw new ContentFormatException(0, "truncated: " + ssz.length + " bytes, the two offsets need " + FIXED_PART);
    }
    long headerAt = readU32(ssz, 0);
    long proofAt = readU32(ssz, 4);
    if (headerAt != FIXED_PART) {
      throw new ContentFormatException(0, "header offset is " + headerAt + ", expected " + FIXED_PART);
    }
    if (proofAt < headerAt || proofAt > ssz.length) {
      throw new ContentFormatException(4, "proof offset is " + proofAt + ", expected " + headerAt + ".." + ssz.length);
    }
    if (proofAt - headerAt > MAX_HEADER_LENGTH) {
      throw new ContentFormatException(headerAt, "header of " + (proofAt - headerAt) + " bytes exceeds the limit "
          + MAX_HEADER_LENGTH);
    }
    if (ssz.length - proofAt > MAX_PROOF_LENGTH) {
      throw new ContentFormatException(proofAt, "proof of " + (ssz.length - proofAt) + " bytes exceeds the limit "
          + MAX_PROOF_LENGTH);
    }
    return new HeaderWithProof(Arrays.copyOfRange(ssz, (int) headerAt, (int) proofAt),
        Arrays.copyOfRange(ssz, (int) proofAt, ssz.length));
  }

  /** The header RLP exactly as carried (a copy). */
  public byte[] headerRlp() {
    return headerRlp.clone();
  }

  /** The proof bytes exactly as carried (a copy). */
  public byte[] proof() {
    return proof.clone();
  }

  /** The decoded header. */
  public BlockHeader header() throws ContentFormatException {
    try {
      return BlockHeader.decode(headerRlp.clone());
    } catch (RlpException e) {
      throw new ContentFormatException(FIXED_PART + (long) e.offset(), "header is not a valid block header: "
          + e.getMessage(), e);
    }
  }

  /** True when the proof has the shape of a pre-merge accumulator proof. */
  public boolean hasPreMergeProof() {
    return proof.length == EpochAccumulator.PROOF_LENGTH * Hash.SIZE;
  }

  /** The proof as the 15 hashes of a pre-merge accumulator proof. */
  public List<Hash> preMergeProof() throws ContentFormatException {
    if (!hasPreMergeProof()) {
      throw new ContentFormatException(FIXED_PART + headerRlp.length, "proof of " + proof.length
          + " bytes is not a pre-merge accumulator proof (" + EpochAccumulator.PROOF_LENGTH * Hash.SIZE + " bytes)");
    }
    List<Hash> hashes = new ArrayList<>(EpochAccumulator.PROOF_LENGTH);
    for (int i = 0; i < EpochAccumulator.PROOF_LENGTH; i++) {
      hashes.add(Hash.of(proof, i * Hash.SIZE));
    }
    return hashes;
  }

  /** Checks the header against the pre-merge accumulator through its proof. */
  public EpochCheck verifyPreMerge(HistoricalAccumulator accumulator) throws ContentFormatException {
    BlockHeader header = header();
    return accumulator.verifyHeader(header.number(), header.hash(), preMergeProof());
  }

  private static long readU32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }
}
