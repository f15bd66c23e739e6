package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceFormatException;
import io.headersync.core.testdata.TestData;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochAccumulatorTest {

  @TempDir
  Path tmp;

  @Test
  void epochRecordFilesHashToTheRootInTheirName() throws Exception {
    Path dir = TestData.require("mainnet/portal/epoch-records");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
    }
    assertThat(files).hasSize(2);
    for (Path file : files) {
      List<HeaderRecord> records = EpochAccumulator.readEpochRecord(file);
      assertThat(records).hasSize(8192);
      String name = file.getFileName().toString();
      assertThat(EpochAccumulator.rootOf(records)).isEqualTo(Hash.fromHex(name.substring(0, name.length() - 4)));
    }
  }

  @Test
  void epoch122RecordMatchesTheHistoricalAccumulator() throws Exception {
    List<HeaderRecord> records =
        EpochAccumulator.readEpochRecord(TestData.require("mainnet/portal/accumulator/epoch-record-00122.ssz"));
    HistoricalAccumulator historical =
        HistoricalAccumulator.load(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));
    Hash root = EpochAccumulator.rootOf(records);
    assertThat(historical.verifyEpoch(122, root).verified()).isTrue();
    assertThat(historical.verifyEpoch(121, root)).isInstanceOf(EpochCheck.Mismatch.class);

    List<HeaderRecord> changed = new ArrayList<>(records);
    changed.set(4000, new HeaderRecord(records.get(4000).blockHash(), records.get(4000).totalDifficulty().add(BigInteger.ONE)));
    assertThat(historical.verifyEpoch(122, EpochAccumulator.rootOf(changed)).verified()).isFalse();
  }

  @Test
  void incrementalRootEqualsTheFullTreeForEverySizeShape() {
    List<HeaderRecord> records = new ArrayList<>();
    for (int i = 0; i < 8192; i++) {
      byte[] h = new byte[32];
      h[0] = (byte) i;
      h[1] = (byte) (i >>> 8);
      h[31] = 0x5a;
      records.add(new HeaderRecord(Hash.wrap(h), BigInteger.valueOf(17L * i).shiftLeft(i % 200)));
    }
    EpochAccumulator acc = new EpochAccumulator();
    assertThat(acc.root()).isEqualTo(fullTreeRoot(List.of()));
    for (int n = 1; n <= 8192; n++) {
      acc.add(records.get(n - 1));
      if (n <= 5 || n == 255 || n == 256 || n == 4097 || n == 8191 || n == 8192) {
        assertThat(acc.root()).as("root of %d records", n).isEqualTo(fullTreeRoot(records.subList(0, n)));
      }
    }
    assertThatThrownBy(() -> acc.add(records.get(0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void proofsLeadFromABlockHashToItsEpochRoot() throws Exception {
    List<HeaderRecord> records =
        EpochAccumulator.readEpochRecord(TestData.require("mainnet/portal/accumulator/epoch-record-00122.ssz"));
    Hash root = EpochAccumulator.rootOf(records);
    for (int index : new int[] {0, 1, 586, 4095, 4096, 8191}) {
      List<Hash> proof = proof(records, index);
      assertThat(EpochAccumulator.rootFromProof(records.get(index).blockHash(), index, proof)).isEqualTo(root);
      assertThat(EpochAccumulator.rootFromProof(records.get(index).blockHash(), index ^ 1, proof)).isNotEqualTo(root);
    }
  }

  @Test
  void badEpochRecordSizesAreRefused() throws Exception {
    Path odd = tmp.resolve("odd.ssz");
    Files.write(odd, new byte[64 * 3 + 5]);
    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> EpochAccumulator.readEpochRecord(odd));
    assertThat(e.offset()).isEqualTo(192);
    assertThat(e.reason()).contains("not a multiple of 64");

    Path big = tmp.resolve("big.ssz");
    Files.write(big, new byte[64 * 8193]);
    e = catchThrowableOfType(SourceFormatException.class, () -> EpochAccumulator.readEpochRecord(big));
    assertThat(e.reason()).contains("8193 blocks, more than 8192");
  }

  @Test
  void totalDifficultyMustFitUint256() {
    assertThatThrownBy(() -> new HeaderRecord(Hash.ZERO, BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] max = HeaderRecord.uint256LittleEndian(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    assertThat(max).hasSize(32).containsOnly((byte) 0xff);
    assertThat(HeaderRecord.readUInt256LittleEndian(HeaderRecord.uint256LittleEndian(BigInteger.valueOf(0x0102)), 0))
        .isEqualTo(BigInteger.valueOf(0x0102));
    assertThat(HeaderRecord.uint256LittleEndian(BigInteger.valueOf(0x0102))[0]).isEqualTo((byte) 0x02);
  }

  /** The SSZ definition written out plainly: all 8192 leaves, padded, hashed level by level, length mixed in. */
  private static Hash fullTreeRoot(List<HeaderRecord> records) {
    byte[][] level = leaves(records);
    while (level.length > 1) {
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = sha(level[2 * i], level[2 * i + 1]);
      }
      level = up;
    }
    byte[] length = new byte[32];
    length[0] = (byte) records.size();
    length[1] = (byte) (records.size() >>> 8);
    return Hash.wrap(sha(level[0], length));
  }

  /** Siblings from the TD leaf up to the length chunk, computed from the full tree. */
  private static List<Hash> proof(List<HeaderRecord> records, int index) {
    List<Hash> proof = new ArrayList<>();
    proof.add(Hash.wrap(HeaderRecord.uint256LittleEndian(records.get(index).totalDifficulty())));
    byte[][] level = leaves(records);
    int at = index;
    while (level.length > 1) {
      proof.add(Hash.wrap(level[at ^ 1]));
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = sha(level[2 * i], level[2 * i + 1]);
      }
      level = up;
      at >>= 1;
    }
    byte[] length = new byte[32];
    length[0] = (byte) records.size();
    length[1] = (byte) (records.size() >>> 8);
    proof.add(Hash.wrap(length));
    return proof;
  }

  private static byte[][] leaves(List<HeaderRecord> records) {
    byte[][] leaves = new byte[8192][];
    Arrays.fill(leaves, new byte[32]);
    for (int i = 0; i < records.size(); i++) {
      leaves[i] = sha(records.get(i).blockHash().toArray(), HeaderRecord.uint256LittleEndian(records.get(i).totalDifficulty()));
    }
    return leaves;
  }

  private static byte[] sha(byte[] a, byte[] b) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(a);
      d.update(b);
      return d.digest();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
