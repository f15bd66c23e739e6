package io.headersync.consensus.seal.clique;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.crypto.Secp256k1;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The layout of a clique header (EIP-225): {@code extraData} is 32 bytes of vanity, then on
 * checkpoint blocks the authorized signers (20 bytes each, ascending), then the 65-byte
 * signature {@code r ‖ s ‖ v} of the seal hash by the block's signer.
 */
public final class CliqueHeaders {

  public static final int VANITY = 32;
  public static final int SIGNATURE = Secp256k1.SIGNATURE_SIZE;
  /** Nonce of a vote to add the beneficiary to the signers. */
  public static final long NONCE_AUTHORIZE = -1L;
  /** Nonce of a vote to remove the beneficiary from the signers (and of every checkpoint). */
  public static final long NONCE_DROP = 0L;

  private CliqueHeaders() {}

  /**
   * The hash a clique signature covers: the header's RLP with the signature cut from the end
   * of {@code extraData} (every other field, later forks' included, as encoded).
   *
   * @throws IllegalArgumentException when extraData is shorter than a signature
   */
  public static Hash sealHash(BlockHeader header) {
    byte[] encoded = header.encoded();
    RlpReader fields = RlpReader.wrap(encoded).readList();
    RlpWriter w = new RlpWriter(encoded.length);
    w.startList();
    for (int i = 0; fields.hasNext(); i++) {
      if (i == BlockHeader.EXTRA_DATA_FIELD) {
        byte[] extra = fields.readBytes();
        if (extra.length < SIGNATURE) {
          throw new IllegalArgumentException("block " + header.number() + ": extraData of " + extra.length
              + " bytes has no room for a 65-byte clique signature");
        }
        w.writeBytes(extra, 0, extra.length - SIGNATURE);
      } else {
        int start = fields.position();
        fields.skip();
        w.writeRaw(encoded, start, fields.position() - start);
      }
    }
    w.endList();
    return Keccak.keccak256(w.toByteArray());
  }

  /**
   * The address that signed {@code header}.
   *
   * @throws InvalidHeaderException when extraData is too short or the signature is malformed or
   *     recovers no key
   */
  public static Address recoverSigner(BlockHeader header) throws InvalidHeaderException {
    requireVanityAndSignature(header);
    byte[] extra = header.extraData();
    try {
      Secp256k1.Signature sig = Secp256k1.Signature.fromCompact(extra, extra.length - SIGNATURE);
      return Secp256k1.recoverAddress(sealHash(header).unsafeArray(), sig);
    } catch (SignatureException e) {
      throw new InvalidHeaderException(header.number(), header.hash(), "clique signature", "extraData",
          "a valid secp256k1 signature in the last 65 bytes", e.getMessage());
    }
  }

  /**
   * The signers listed in a checkpoint's (or the genesis') extraData, in the order given.
   *
   * @throws InvalidHeaderException when the list's length is not a multiple of 20 bytes
   */
  public static List<Address> listedSigners(BlockHeader header) throws InvalidHeaderException {
    requireVanityAndSignature(header);
    byte[] extra = header.extraData();
    int listed = extra.length - VANITY - SIGNATURE;
    if (listed % Address.SIZE != 0) {
      throw new InvalidHeaderException(header.number(), header.hash(), "clique checkpoint signers", "extraData",
          "32 + 20·k + 65 bytes", extra.length + " bytes");
    }
    List<Address> signers = new ArrayList<>(listed / Address.SIZE);
    for (int p = VANITY; p < VANITY + listed; p += Address.SIZE) {
      signers.add(Address.of(Arrays.copyOfRange(extra, p, p + Address.SIZE)));
    }
    return signers;
  }

  /**
   * Signs {@code unsealed} with {@code privateKey}: returns the same header with the last 65
   * bytes of its extraData (which must hold at least vanity and signature) set to the signature.
   */
  public static BlockHeader seal(BlockHeader unsealed, BigInteger privateKey) {
    byte[] extra = unsealed.extraData();
    if (extra.length < VANITY + SIGNATURE) {
      throw new IllegalArgumentException("extraData must hold 32 bytes of vanity and 65 of signature, got " + extra.length);
    }
    Secp256k1.Signature sig = Secp256k1.sign(sealHash(unsealed).unsafeArray(), privateKey);
    System.arraycopy(sig.toCompact(), 0, extra, extra.length - SIGNATURE, SIGNATURE);
    return unsealed.toBuilder().extraData(extra).build();
  }

  static void requireVanityAndSignature(BlockHeader header) throws InvalidHeaderException {
    if (header.extraDataLength() < VANITY + SIGNATURE) {
      throw new InvalidHeaderException(header.number(), header.hash(), "clique extra data", "extraData",
          ">= 97 bytes (32 vanity + 65 signature)", header.extraDataLength() + " bytes");
    }
  }

  /** Orders addresses as clique does: by their bytes, unsigned. */
  static int compare(Address a, Address b) {
    return Arrays.compareUnsigned(a.unsafeArray(), b.unsafeArray());
  }
}
