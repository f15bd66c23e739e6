package io.headersync.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.rlp.RlpWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineUnitsTest {

  @Test
  void noRequestsCommitToTheSha256OfNothing() {
    // Prague blocks without requests carry this requests hash (EIP-7685).
    assertThat(ExecutionRequests.commitment(List.of()))
        .isEqualTo(Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void requestsMustHaveDataAndAscendingTypes() {
    byte[] deposit = Hex.decode("0x00aabb");
    byte[] withdrawal = Hex.decode("0x01ccdd");
    assertThat(ExecutionRequests.commitment(List.of(deposit, withdrawal)))
        .isNotEqualTo(ExecutionRequests.commitment(List.of(deposit)));
    assertThatThrownBy(() -> ExecutionRequests.commitment(List.of(withdrawal, deposit))).hasMessageContaining("ascending");
    assertThatThrownBy(() -> ExecutionRequests.commitment(List.of(new byte[] {0}))).hasMessageContaining("no data");
  }

  @Test
  void blobVersionedHashesComeFromBlobTransactionsInOrder() {
    Hash a = Hash.fromHex("01" + "11".repeat(31));
    Hash b = Hash.fromHex("01" + "22".repeat(31));
    Hash c = Hash.fromHex("01" + "33".repeat(31));
    byte[] legacy = new RlpWriter().startList().writeLong(1).endList().toByteArray();
    List<byte[]> txs = List.of(blobTx(a, b), new byte[] {0x02, (byte) 0xc0}, legacy, blobTx(c));
    assertThat(BlobTransactions.versionedHashes(txs)).containsExactly(a, b, c);
    assertThatThrownBy(() -> BlobTransactions.versionedHashes(List.of(new byte[] {0x03, (byte) 0xc1, 0x01})))
        .hasMessageContaining("transaction 0");
  }

  private static byte[] blobTx(Hash... hashes) {
    RlpWriter w = new RlpWriter().startList();
    for (int i = 0; i < 10; i++) {
      w.writeLong(i);
    }
    w.startList();
    for (Hash h : hashes) {
      w.writeBytes(h.toArray());
    }
    w.endList().writeLong(0).writeLong(1).writeLong(2).endList();
    byte[] rlp = w.toByteArray();
    byte[] tx = new byte[rlp.length + 1];
    tx[0] = 0x03;
    System.arraycopy(rlp, 0, tx, 1, rlp.length);
    return tx;
  }

  @Test
  void secretFilesAreReadWrittenAndRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwt.hex");
    JwtSecret created = JwtSecret.loadOrCreate(file, new SecureRandom());
    assertThat(JwtSecret.load(file)).isEqualTo(created);
    Files.writeString(file, "  0x" + "ab".repeat(32) + "\n", StandardCharsets.US_ASCII);
    assertThat(JwtSecret.load(file).key()).isEqualTo(Hex.decode("ab".repeat(32)));
    Files.writeString(file, "abcd", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> JwtSecret.load(file)).hasMessageContaining("64 hex digits").hasMessageContaining("found 4");
  }

  @Test
  void tokensVerifyUnderTheirSecretOnly() {
    JwtSecret s = JwtSecret.of(Hex.decode("11".repeat(32)));
    String token = Jwt.sign(s, 1_700_000_000L);
    assertThat(Jwt.verify(s, token)).isEqualTo(1_700_000_000L);
    assertThatThrownBy(() -> Jwt.verify(JwtSecret.of(Hex.decode("22".repeat(32))), token)).hasMessageContaining("signature");
    assertThatThrownBy(() -> Jwt.verify(s, "a.b")).hasMessageContaining("three");
  }
}
