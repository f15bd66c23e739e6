package io.headersync.consensus.seal.clique;

import static io.headersync.consensus.seal.clique.CliqueTestChain.EPOCH;
import static io.headersync.consensus.seal.clique.CliqueTestChain.address;
import static io.headersync.consensus.seal.clique.CliqueTestChain.child;
import static io.headersync.consensus.seal.clique.CliqueTestChain.difficulty;
import static io.headersync.consensus.seal.clique.CliqueTestChain.inTurn;
import static io.headersync.consensus.seal.clique.CliqueTestChain.key;
import static io.headersync.consensus.seal.clique.CliqueTestChain.signedChild;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealWorkers;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CliqueSealVerifierTest {

  private static final List<Address> THREE = List.of(address(1), address(2), address(3));
  private static final BlockHeader GENESIS = CliqueTestChain.genesis(THREE);

  private static CliqueSealVerifier verifier(int threads) throws InvalidHeaderException {
    return new CliqueSealVerifier(GENESIS, new SealEngine.Clique(15, EPOCH), SealMode.FULL, 64, new SealWorkers(threads, "clique-test"));
  }

  /** Blocks 1..count, each signed by the signer in turn. */
  private static List<BlockHeader> inTurnChain(int count) {
    List<BlockHeader> out = new ArrayList<>();
    BlockHeader parent = GENESIS;
    for (int i = 0; i < count; i++) {
      BlockHeader h = signedChild(parent, THREE, inTurn(parent.number() + 1, THREE, 1, 2, 3));
      out.add(h);
      parent = h;
    }
    return out;
  }

  private static void assertRejected(ThrowingCallable call, String rule, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
      assertThat(e.rule()).isEqualTo(rule);
      assertThat(e.field()).isEqualTo(field);
    });
  }

  @Test
  void anInTurnChainAcrossCheckpointsVerifiesInBatchesAndOneByOne() throws InvalidHeaderException {
    List<BlockHeader> chain = inTurnChain(35);
    try (CliqueSealVerifier v = verifier(2)) {
      v.verifyBatch(chain.subList(0, 17));
      v.verifyBatch(chain.subList(17, 35));
      assertThat(v.snapshot(chain.get(34).hash()).orElseThrow().signers()).isEqualTo(CliqueTestChain.sorted(THREE));
    }
    try (CliqueSealVerifier v = verifier(1)) {
      for (BlockHeader h : chain) {
        v.verify(h);
      }
    }
  }

  @Test
  void recoversTheSignerFromTheSeal() throws InvalidHeaderException {
    BlockHeader h = signedChild(GENESIS, THREE, 2);
    assertThat(CliqueHeaders.recoverSigner(h)).isEqualTo(address(2));
    // The seal hash does not cover the signature itself.
    byte[] extra = h.extraData();
    extra[extra.length - 1] ^= 1;
    assertThat(CliqueHeaders.sealHash(h.toBuilder().extraData(extra).build())).isEqualTo(CliqueHeaders.sealHash(h));
  }

  @Test
  void outOfTurnNeedsDifficultyOneAndInTurnTwo() throws InvalidHeaderException {
    int turn = inTurn(1, THREE, 1, 2, 3);
    int other = turn == 1 ? 2 : 1;
    BlockHeader outOfTurn = signedChild(GENESIS, THREE, other);
    assertThat(outOfTurn.difficulty()).isEqualTo(BigInteger.ONE);
    try (CliqueSealVerifier v = verifier(1)) {
      v.verify(outOfTurn);
    }
    BlockHeader claimsTurn = CliqueHeaders.seal(child(GENESIS, THREE).difficulty(BigInteger.TWO).build(), key(other));
    BlockHeader humble = CliqueHeaders.seal(child(GENESIS, THREE).difficulty(BigInteger.ONE).build(), key(turn));
    BlockHeader three = CliqueHeaders.seal(child(GENESIS, THREE).difficulty(BigInteger.valueOf(3)).build(), key(turn));
    try (CliqueSealVerifier v = verifier(1)) {
      assertRejected(() -> v.verify(claimsTurn), "clique difficulty", "difficulty");
      assertRejected(() -> v.verify(humble), "clique difficulty", "difficulty");
      assertRejected(() -> v.verify(three), "clique difficulty", "difficulty");
    }
  }

  @Test
  void aForgedSignatureIsRejected() throws InvalidHeaderException {
    BlockHeader signed = signedChild(GENESIS, THREE, 1);
    // Changing a signed field makes the signature recover some unrelated key.
    BlockHeader tampered = signed.toBuilder().gasLimit(signed.gasLimit() + 1).build();
    byte[] extra = signed.extraData();
    extra[extra.length - 65 + 5] ^= 0x40; // a different r
    BlockHeader badR = signed.toBuilder().extraData(extra).build();
    byte[] badV = signed.extraData();
    badV[badV.length - 1] = 27; // legacy v: not a recovery id
    BlockHeader legacyV = signed.toBuilder().extraData(badV).build();
    try (CliqueSealVerifier v = verifier(1)) {
      assertRejected(() -> v.verify(tampered), "clique authorized signer", "extraData");
      assertThatThrownBy(() -> v.verify(badR)).isInstanceOfSatisfying(InvalidHeaderException.class,
          e -> assertThat(e.rule()).isIn("clique authorized signer", "clique signature"));
      assertRejected(() -> v.verify(legacyV), "clique signature", "extraData");
    }
  }

  @Test
  void anUnauthorizedSignerIsRejected() throws InvalidHeaderException {
    BlockHeader byStranger = CliqueHeaders.seal(child(GENESIS, THREE).difficulty(BigInteger.ONE).build(), key(9));
    try (CliqueSealVerifier v = verifier(1)) {
      assertThatThrownBy(() -> v.verify(byStranger)).isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
        assertThat(e.rule()).isEqualTo("clique authorized signer");
        assertThat(e.found()).isEqualTo(address(9).toHex());
      });
    }
  }

  @Test
  void aSignerMayNotSignTwiceWithinHalfTheSignersPlusOne() throws InvalidHeaderException {
    // Three signers: limit floor(3/2) + 1 = 2, so a signer may sign every other block at most.
    BlockHeader b1 = signedChild(GENESIS, THREE, 1);
    BlockHeader again = signedChild(b1, THREE, 1);
    BlockHeader b2 = signedChild(b1, THREE, 2);
    BlockHeader b3 = signedChild(b2, THREE, 1);
    try (CliqueSealVerifier v = verifier(1)) {
      v.verify(b1);
      assertThatThrownBy(() -> v.verify(again)).isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
        assertThat(e.rule()).isEqualTo("clique recent signer");
        assertThat(e.found()).contains("signed block 1");
      });
      v.verify(b2);
      v.verify(b3); // block 1 is now outside the window
    }
    try (CliqueSealVerifier v = verifier(2)) {
      assertThatThrownBy(() -> v.verifyBatch(List.of(b1, again)))
          .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.number()).isEqualTo(2));
    }
  }

  @Test
  void votesAddAndRemoveSigners() throws InvalidHeaderException {
    try (CliqueSealVerifier v = verifier(1)) {
      List<Address> signers = new ArrayList<>(THREE);
      // Signers 1 and 2 vote to add 4: two votes out of three signers is a majority.
      BlockHeader b1 = vote(GENESIS, signers, 1, address(4), true);
      BlockHeader b2 = vote(b1, signers, 2, address(4), true);
      v.verifyBatch(List.of(b1, b2));
      assertThat(v.snapshot(b1.hash()).orElseThrow().tally()).containsEntry(address(4), new CliqueSnapshot.Tally(true, 1));
      CliqueSnapshot after = v.snapshot(b2.hash()).orElseThrow();
      assertThat(after.signers()).contains(address(4)).hasSize(4);
      assertThat(after.tally()).isEmpty();
      signers.add(address(4));
      // The new signer may sign now.
      BlockHeader b3 = signedChild(b2, signers, 4);
      v.verify(b3);
      // Three of four vote to drop signer 3 (a majority needs more than two).
      BlockHeader b4 = vote(b3, signers, 1, address(3), false);
      BlockHeader b5 = vote(b4, signers, 2, address(3), false);
      v.verifyBatch(List.of(b4, b5));
      assertThat(v.snapshot(b5.hash()).orElseThrow().signers()).contains(address(3));
      BlockHeader b6 = vote(b5, signers, 3, address(3), false); // signer 3 votes itself out
      v.verify(b6);
      assertThat(v.snapshot(b6.hash()).orElseThrow().signers()).doesNotContain(address(3)).hasSize(3);
      signers.remove(address(3));
      BlockHeader b7 = signedChild(b6, signers, 4);
      v.verify(b7);
      BlockHeader byDropped = CliqueHeaders.seal(child(b7, signers).difficulty(BigInteger.ONE).build(), key(3));
      assertRejected(() -> v.verify(byDropped), "clique authorized signer", "extraData");
    }
  }

  private static BlockHeader vote(BlockHeader parent, List<Address> signers, int signer, Address subject, boolean add) {
    long n = parent.number() + 1;
    return CliqueHeaders.seal(child(parent, signers).difficulty(difficulty(n, signer, signers)).beneficiary(subject)
        .nonce(add ? CliqueHeaders.NONCE_AUTHORIZE : CliqueHeaders.NONCE_DROP).build(), key(signer));
  }

  @Test
  void checkpointsMustListTheCurrentSigners() throws InvalidHeaderException {
    List<BlockHeader> chain = inTurnChain((int) EPOCH - 1);
    BlockHeader parent = chain.get(chain.size() - 1);
    int turn = inTurn(EPOCH, THREE, 1, 2, 3);
    List<Address> wrongList = List.of(address(1), address(2));
    BlockHeader wrong = CliqueHeaders.seal(child(parent, wrongList).difficulty(BigInteger.TWO).build(), key(turn));
    BlockHeader voting = CliqueHeaders.seal(child(parent, THREE).difficulty(BigInteger.TWO).nonce(-1L).build(), key(turn));
    try (CliqueSealVerifier v = verifier(2)) {
      v.verifyBatch(chain);
      assertRejected(() -> v.verify(wrong), "clique checkpoint signers", "extraData");
      assertRejected(() -> v.verify(voting), "clique checkpoint vote", "nonce");
      v.verify(signedChild(parent, THREE, turn));
    }
  }

  @Test
  void malformedHeadersGetTypedErrors() throws InvalidHeaderException {
    BlockHeader good = signedChild(GENESIS, THREE, 1);
    try (CliqueSealVerifier v = verifier(1)) {
      assertRejected(() -> v.verify(good.toBuilder().extraData(new byte[96]).build()), "clique extra data", "extraData");
      assertRejected(() -> v.verify(CliqueHeaders.seal(child(GENESIS, THREE).difficulty(good.difficulty())
          .extraData(CliqueTestChain.extraData(List.of(address(1)))).build(), key(1))), "clique extra data", "extraData");
      assertRejected(() -> v.verify(good.toBuilder().mixHash(Hash.fromHex("01".repeat(32))).build()), "clique mix digest", "mixHash");
      assertRejected(() -> v.verify(good.toBuilder().nonce(5).build()), "clique vote nonce", "nonce");
      assertRejected(() -> v.verify(good.toBuilder().ommersHash(Hash.ZERO).build()), "clique ommers", "sha3Uncles");
      BlockHeader orphan = signedChild(good.toBuilder().timestamp(1).build(), THREE, 2);
      assertRejected(() -> v.verify(orphan), "clique snapshot", "parentHash");
      v.verify(good);
    }
  }

  @Test
  void theLowestBadHeaderOfABatchIsReportedAndTheGoodPrefixKept() throws InvalidHeaderException {
    List<BlockHeader> chain = new ArrayList<>(inTurnChain(12));
    BlockHeader fifth = chain.get(4);
    chain.set(4, fifth.toBuilder().gasLimit(1).build()); // forged: signer no longer recovers
    BlockHeader eighth = chain.get(7);
    chain.set(7, eighth.toBuilder().mixHash(Hash.fromHex("02".repeat(32))).build());
    try (CliqueSealVerifier v = verifier(2)) {
      assertThatThrownBy(() -> v.verifyBatch(chain))
          .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.number()).isEqualTo(5));
      assertThat(v.snapshot(chain.get(3).hash())).isPresent();
      assertThat(v.snapshot(chain.get(4).hash())).isEmpty();
      v.verify(fifth); // the real block 5 continues from the kept prefix
    }
  }

  @Test
  void headersPastTheMergeAreSkipped() throws InvalidHeaderException {
    BlockHeader posHeader = BlockHeader.builder().number(1).parentHash(GENESIS.hash()).difficulty(BigInteger.ZERO).build();
    try (CliqueSealVerifier v = verifier(1)) {
      v.verify(posHeader);
      v.verifyBatch(List.of(posHeader));
    }
  }

  @Test
  void aTrustedCheckpointStartsAChainWithoutItsAncestors() throws InvalidHeaderException {
    List<BlockHeader> chain = inTurnChain(25);
    BlockHeader checkpoint = chain.get((int) (2 * EPOCH) - 1);
    assertThat(checkpoint.number()).isEqualTo(2 * EPOCH);
    try (CliqueSealVerifier v = verifier(1)) {
      assertRejected(() -> v.verify(chain.get(20)), "clique snapshot", "parentHash");
      v.trustCheckpoint(checkpoint);
      v.verifyBatch(chain.subList(20, 25));
      assertRejected(() -> v.trustCheckpoint(chain.get(3)), "clique checkpoint signers", "number");
    }
  }
}
