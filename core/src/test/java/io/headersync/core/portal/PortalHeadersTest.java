package io.headersync.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.era.E2StoreReader;
import io.headersync.core.era.E2StoreRecord;
import io.headersync.core.era.EpochCheck;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every header in the portal test files decodes, re-encodes to the same bytes and hashes to the
 * hash those files give for it (the content key of a header-with-proof names the block hash).
 */
class PortalHeadersTest {

  /** The last block the pre-merge accumulator covers (the last proof-of-work block). */
  private static final long LAST_PRE_MERGE_BLOCK = 15_537_393;
  /** e2store type of the header entries in {@code headers/*.e2s}: uncompressed header RLP. */
  private static final int HEADER_ENTRY_TYPE = 0x00ff;

  @Test
  void headersWithProofDecodeHashToTheirKeyAndPreMergeOnesProveAgainstTheAccumulator() throws Exception {
    HistoricalAccumulator accumulator = accumulator();
    List<Path> files = yamlFiles("mainnet/portal/headers_with_proof");
    assertThat(files).hasSize(15);
    int preMerge = 0;
    for (Path file : files) {
      Map<String, byte[]> fields = PortalTestFiles.hexFields(file);
      BlockHeader header = checkHeaderWithProof(fields.get("content_key"), fields.get("content_value"), accumulator);
      assertThat(header.number()).as(file.toString()).isEqualTo(PortalTestFiles.numberInName(file));
      if (header.number() <= LAST_PRE_MERGE_BLOCK) {
        preMerge++;
      }
    }
    assertThat(preMerge).isEqualTo(4); // 1000010, 14764013, 15537392, 15537393
  }

  @Test
  void headersWithProofJsonIsAChainOfTenProvenHeaders() throws Exception {
    HistoricalAccumulator accumulator = accumulator();
    Map<Long, BlockHeader> headers = jsonHeaders(accumulator);
    assertThat(headers.keySet()).containsExactly(1000001L, 1000002L, 1000003L, 1000004L, 1000005L, 1000006L,
        1000007L, 1000008L, 1000009L, 1000010L);
    assertParentLinks(new ArrayList<>(headers.values()));
  }

  @Test
  void e2storeHeaderEntriesMatchTheProvenHeaders() throws Exception {
    Map<Long, BlockHeader> proven = jsonHeaders(accumulator());
    Path file = TestData.require("mainnet/portal/headers/1000001-1000010.e2s");
    List<BlockHeader> headers = new ArrayList<>();
    try (E2StoreReader reader = E2StoreReader.open(file)) {
      for (Optional<E2StoreRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
        assertThat(r.get().type()).isEqualTo(HEADER_ENTRY_TYPE);
        byte[] rlp = reader.readData(r.get(), 8192);
        BlockHeader header = BlockHeader.decode(rlp);
        assertThat(header.toBuilder().build().encoded()).isEqualTo(rlp);
        assertThat(header.hash()).isEqualTo(proven.get(header.number()).hash());
        headers.add(header);
      }
    }
    assertThat(headers).hasSize(10);
    assertThat(headers.get(0).number()).isEqualTo(1000001);
    assertParentLinks(headers);
  }

  @Test
  void blockDataHeadersDecodeAndHashToTheProvenHashes() throws Exception {
    Map<Long, Hash> known = new TreeMap<>();
    for (Path file : yamlFiles("mainnet/portal/headers_with_proof")) {
      known.put(PortalTestFiles.numberInName(file),
          PortalTestFiles.headerByHashKey(PortalTestFiles.hexFields(file).get("content_key")));
    }
    List<Path> files = yamlFiles("mainnet/portal/block_data");
    assertThat(files).hasSize(13);
    Map<Long, BlockHeader> byNumber = new TreeMap<>();
    int checkedAgainstKnownHash = 0;
    for (Path file : files) {
      Map<String, byte[]> fields = PortalTestFiles.hexFields(file);
      assertThat(fields).containsKeys("header", "body", "receipts");
      byte[] rlp = fields.get("header");
      BlockHeader header = BlockHeader.decode(rlp);
      assertThat(header.number()).isEqualTo(PortalTestFiles.numberInName(file));
      assertThat(header.toBuilder().build().encoded()).as(file.toString()).isEqualTo(rlp);
      if (known.containsKey(header.number())) {
        assertThat(header.hash()).as(file.toString()).isEqualTo(known.get(header.number()));
        checkedAgainstKnownHash++;
      }
      // the body's ommers list is the one the header commits to
      RlpReader body = RlpReader.wrap(fields.get("body")).readList();
      body.skip(); // transactions
      assertThat(Keccak.keccak256(body.readRaw())).as(file.toString()).isEqualTo(header.ommersHash());
      assertThat(body.hasNext()).isEqualTo(header.withdrawalsRoot() != null);
      assertThat(RlpReader.wrap(fields.get("receipts")).nextIsList()).isTrue();
      byNumber.put(header.number(), header);
    }
    assertThat(checkedAgainstKnownHash).isEqualTo(10);
    // the two blocks without a header-with-proof are consecutive: the child names the parent's hash
    assertThat(byNumber.get(22431084L).parentHash()).isEqualTo(byNumber.get(22431083L).hash());
    assertThat(byNumber.get(22869878L).requestsHash()).isNotNull(); // Prague shape
  }

  private static BlockHeader checkHeaderWithProof(byte[] key, byte[] value, HistoricalAccumulator accumulator)
      throws ContentFormatException {
    Hash expected = PortalTestFiles.headerByHashKey(key);
    HeaderWithProof hwp = HeaderWithProof.decode(value);
    BlockHeader header = hwp.header();
    assertThat(header.toBuilder().build().encoded()).isEqualTo(hwp.headerRlp());
    assertThat(header.hash()).isEqualTo(expected);
    if (header.number() <= LAST_PRE_MERGE_BLOCK) {
      EpochCheck check = hwp.verifyPreMerge(accumulator);
      assertThat(check).as("block %d", header.number()).isInstanceOf(EpochCheck.Verified.class);
      assertThat(check.epoch()).isEqualTo((int) (header.number() / 8192));
    } else {
      assertThat(hwp.hasPreMergeProof()).isFalse();
      assertThat(hwp.proof()).isNotEmpty();
    }
    return header;
  }

  private static Map<Long, BlockHeader> jsonHeaders(HistoricalAccumulator accumulator) throws Exception {
    JsonNode root = new ObjectMapper().readTree(
        TestData.require("mainnet/portal/headers_with_proof/1000001-1000010.json").toFile());
    Map<Long, BlockHeader> headers = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      BlockHeader header = checkHeaderWithProof(Hex.decode(e.getValue().get("content_key").asText()),
          Hex.decode(e.getValue().get("content_value").asText()), accumulator);
      assertThat(header.number()).isEqualTo(Long.parseLong(e.getKey()));
      headers.put(header.number(), header);
    }
    return headers;
  }

  private static void assertParentLinks(List<BlockHeader> headers) {
    for (int i = 1; i < headers.size(); i++) {
      assertThat(headers.get(i).number()).isEqualTo(headers.get(i - 1).number() + 1);
      assertThat(headers.get(i).parentHash()).isEqualTo(headers.get(i - 1).hash());
    }
  }

  private static HistoricalAccumulator accumulator() throws Exception {
    return HistoricalAccumulator.load(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));
  }

  private static List<Path> yamlFiles(String folder) throws Exception {
    try (Stream<Path> s = Files.list(TestData.require(folder))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
