package io.headersync.consensus.seal.clique;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealWorkers;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.SealEngine;
import io.headersync.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks clique seals (EIP-225): each header signed by an authorized signer that has not
 * signed too recently, with difficulty 2 in its turn and 1 out of it, and checkpoint blocks
 * listing exactly the current signers.
 *
 * <p>Which signers are authorized depends on every earlier block's signer and vote, so every
 * header is checked whatever the {@link SealMode} (other than {@code off}): the signer must be
 * recovered anyway to follow the signer set, and that recovery is the seal check. A header's
 * parent must have been checked before (or be the genesis, or a checkpoint given to
 * {@link #trustCheckpoint}); the snapshot after each header is kept by hash, for the last
 * {@code snapshotCapacity} headers, so short reorgs can be followed.
 *
 * <p>Headers with difficulty zero are past the merge: they carry no clique seal and are
 * skipped. Timestamp spacing ({@code period}) is a header rule, checked with the others.
 */
public final class CliqueSealVerifier implements SealVerifier {

  private static final BigInteger IN_TURN = BigInteger.TWO;
  private static final BigInteger OUT_OF_TURN = BigInteger.ONE;

  private final long epochLength;
  private final SealMode mode;
  private final SealWorkers workers;
  private final CliqueSnapshot genesis;
  private final LinkedHashMap<Hash, CliqueSnapshot> snapshots;

  /**
   * @throws InvalidHeaderException when the genesis' extraData does not list signers properly
   */
  public CliqueSealVerifier(BlockHeader genesisHeader, SealEngine.Clique engine, SealMode mode, int snapshotCapacity,
      SealWorkers workers) throws InvalidHeaderException {
    if (engine.epochLength() < 1) {
      throw new IllegalArgumentException("clique epoch length must be at least 1, got " + engine.epochLength());
    }
    if (snapshotCapacity < 1) {
      throw new IllegalArgumentException("clique snapshots kept must be at least 1, got " + snapshotCapacity);
    }
    this.epochLength = engine.epochLength();
    this.mode = Objects.requireNonNull(mode);
    this.workers = Objects.requireNonNull(workers);
    this.genesis = CliqueSnapshot.atCheckpoint(genesisHeader, CliqueHeaders.listedSigners(genesisHeader));
    this.snapshots = new LinkedHashMap<>(Math.min(snapshotCapacity, 4096), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, CliqueSnapshot> eldest) {
        return size() > snapshotCapacity;
      }
    };
  }

  /**
   * Starts following the chain from {@code checkpoint} without its ancestors, trusting its
   * signer list (for a sync that starts from a trusted block rather than the genesis).
   */
  public void trustCheckpoint(BlockHeader checkpoint) throws InvalidHeaderException {
    if (checkpoint.number() % epochLength != 0) {
      throw new InvalidHeaderException(checkpoint.number(), checkpoint.hash(), "clique checkpoint signers", "number",
          "a multiple of the epoch length " + epochLength, checkpoint.number());
    }
    store(CliqueSnapshot.atCheckpoint(checkpoint, CliqueHeaders.listedSigners(checkpoint)));
  }

  /** The snapshot after the header of this hash, if it is held. */
  public Optional<CliqueSnapshot> snapshot(Hash blockHash) {
    if (blockHash.equals(genesis.hash())) {
      return Optional.of(genesis);
    }
    synchronized (snapshots) {
      return Optional.ofNullable(snapshots.get(blockHash));
    }
  }

  @Override
  public void verify(BlockHeader header) throws InvalidHeaderException {
    if (mode instanceof SealMode.Off || header.difficulty().signum() == 0) {
      return;
    }
    Address signer = checkAlone(header);
    store(checkAgainst(parentSnapshot(header, null), header, signer));
  }

  @Override
  public void verifyBatch(List<BlockHeader> ascending) throws InvalidHeaderException {
    if (mode instanceof SealMode.Off || ascending.isEmpty()) {
      return;
    }
    int size = ascending.size();
    Address[] signers = new Address[size];
    InvalidHeaderException[] failures = new InvalidHeaderException[size];
    // Recovering the signers is the costly part and needs no state: do it on all threads.
    workers.forEach(size, i -> {
      BlockHeader h = ascending.get(i);
      if (h.difficulty().signum() == 0) {
        return;
      }
      try {
        signers[i] = checkAlone(h);
      } catch (InvalidHeaderException e) {
        failures[i] = e;
      }
    });
    CliqueSnapshot previous = null;
    for (int i = 0; i < size; i++) {
      if (failures[i] != null) {
        throw failures[i];
      }
      if (signers[i] == null) {
        continue; // past the merge
      }
      BlockHeader h = ascending.get(i);
      previous = checkAgainst(parentSnapshot(h, previous), h, signers[i]);
      store(previous);
    }
  }

  @Override
  public SealMode mode() {
    return mode;
  }

  @Override
  public void close() {
    workers.close();
  }

  /** The rules a header obeys on its own; answers its signer. */
  private Address checkAlone(BlockHeader h) throws InvalidHeaderException {
    long n = h.number();
    boolean checkpoint = n % epochLength == 0;
    if (checkpoint && !h.beneficiary().equals(Address.ZERO)) {
      throw new InvalidHeaderException(n, h.hash(), "clique checkpoint vote", "miner", Address.ZERO.toHex(),
          h.beneficiary().toHex());
    }
    if (checkpoint && h.nonce() != CliqueHeaders.NONCE_DROP) {
      throw new InvalidHeaderException(n, h.hash(), "clique checkpoint vote", "nonce", "0x0000000000000000", nonceHex(h));
    }
    if (h.nonce() != CliqueHeaders.NONCE_DROP && h.nonce() != CliqueHeaders.NONCE_AUTHORIZE) {
      throw new InvalidHeaderException(n, h.hash(), "clique vote nonce", "nonce",
          "0x0000000000000000 or 0xffffffffffffffff", nonceHex(h));
    }
    CliqueHeaders.requireVanityAndSignature(h);
    int listed = h.extraDataLength() - CliqueHeaders.VANITY - CliqueHeaders.SIGNATURE;
    if (!checkpoint && listed != 0) {
      throw new InvalidHeaderException(n, h.hash(), "clique extra data", "extraData",
          "97 bytes (signers are listed only on checkpoints)", h.extraDataLength() + " bytes");
    }
    if (checkpoint && listed % Address.SIZE != 0) {
      throw new InvalidHeaderException(n, h.hash(), "clique checkpoint signers", "extraData", "32 + 20·k + 65 bytes",
          h.extraDataLength() + " bytes");
    }
    if (!h.mixHash().isZero()) {
      throw new InvalidHeaderException(n, h.hash(), "clique mix digest", "mixHash", Hash.ZERO.toHex(), h.mixHash().toHex());
    }
    if (!h.ommersHash().equals(Keccak.EMPTY_LIST)) {
      throw new InvalidHeaderException(n, h.hash(), "clique ommers", "sha3Uncles", Keccak.EMPTY_LIST.toHex(),
          h.ommersHash().toHex());
    }
    if (!h.difficulty().equals(IN_TURN) && !h.difficulty().equals(OUT_OF_TURN)) {
      throw new InvalidHeaderException(n, h.hash(), "clique difficulty", "difficulty", "1 or 2", h.difficulty());
    }
    return CliqueHeaders.recoverSigner(h);
  }

  /** The rules that need the parent's snapshot; answers the snapshot after {@code h}. */
  private CliqueSnapshot checkAgainst(CliqueSnapshot parent, BlockHeader h, Address signer) throws InvalidHeaderException {
    long n = h.number();
    if (n % epochLength == 0) {
      List<Address> listed = CliqueHeaders.listedSigners(h);
      if (!listed.equals(parent.signers())) {
        throw new InvalidHeaderException(n, h.hash(), "clique checkpoint signers", "extraData", parent.signers(), listed);
      }
    }
    if (!parent.isSigner(signer)) {
      throw new InvalidHeaderException(n, h.hash(), "clique authorized signer", "extraData",
          "a signer of " + parent.signers(), signer.toHex());
    }
    long recent = parent.recentlySigned(n, signer);
    if (recent >= 0) {
      throw new InvalidHeaderException(n, h.hash(), "clique recent signer", "extraData",
          "a signer that signed none of the last " + parent.recentLimit() + " blocks", signer.toHex() + " signed block " + recent);
    }
    BigInteger expected = parent.inTurn(n, signer) ? IN_TURN : OUT_OF_TURN;
    if (!h.difficulty().equals(expected)) {
      throw new InvalidHeaderException(n, h.hash(), "clique difficulty", "difficulty", expected, h.difficulty());
    }
    return parent.apply(h, signer, epochLength);
  }

  private CliqueSnapshot parentSnapshot(BlockHeader h, CliqueSnapshot previous) throws InvalidHeaderException {
    CliqueSnapshot parent = previous != null && previous.hash().equals(h.parentHash())
        ? previous
        : snapshot(h.parentHash()).orElse(null);
    if (parent == null) {
      throw new InvalidHeaderException(h.number(), h.hash(), "clique snapshot", "parentHash",
          "a header verified before, the genesis or a trusted checkpoint", h.parentHash().toHex());
    }
    if (parent.number() != h.number() - 1) {
      throw new InvalidHeaderException(h.number(), h.hash(), "clique snapshot", "number", parent.number() + 1, h.number());
    }
    return parent;
  }

  private void store(CliqueSnapshot s) {
    synchronized (snapshots) {
      snapshots.put(s.hash(), s);
    }
  }

  private static String nonceHex(BlockHeader h) {
    return String.format("0x%016x", h.nonce());
  }
}
