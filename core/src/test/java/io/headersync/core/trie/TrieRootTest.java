package io.headersync.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrieRootTest {

  @Test
  void emptyTrieRootIsKeccakOfEmptyString() {
    assertThat(TrieRoot.of(List.of())).isEqualTo(TrieRoot.EMPTY);
    assertThat(TrieRoot.ofOrdered(List.of())).isEqualTo(TrieRoot.EMPTY);
    assertThat(TrieRoot.EMPTY).isEqualTo(Keccak.keccak256(new byte[] {(byte) 0x80}));
  }

  /** The "trieanyorder" cases of the public Ethereum trie tests. */
  static Stream<Arguments> publishedRoots() {
    return Stream.of(
        Arguments.of("singleItem", Map.of("A", "a".repeat(50)), "d23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab"),
        Arguments.of("dogs", Map.of("doe", "reindeer", "dog", "puppy", "dogglesworth", "cat"), "8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"),
        Arguments.of("puppy", Map.of("do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy"), "5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"),
        Arguments.of("foo", Map.of("foo", "bar", "food", "bass"), "17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"),
        Arguments.of("smallValues", Map.of("be", "e", "dog", "puppy", "bed", "d"), "3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"),
        Arguments.of("testy", Map.of("test", "test", "te", "testy"), "8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"),
        Arguments.of("singleShortLeaf", Map.of("test", "test"), "85d106d4edff3b7a4889e91251d0a87d7c17a1dda648ebdba8c6060825be23b8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedRoots")
  void matchesPublishedRoots(String name, Map<String, String> items, String root) {
    assertThat(TrieRoot.of(ascii(items))).isEqualTo(Hash.fromHex(root));
  }

  @Test
  void matchesPublishedRootWithBinaryKeys() {
    List<Map.Entry<byte[], byte[]>> entries = List.of(
        Map.entry(Hex.decode("0045"), Hex.decode("0123456789")),
        Map.entry(Hex.decode("4500"), Hex.decode("9876543210")));
    assertThat(TrieRoot.of(entries)).isEqualTo(Hash.fromHex("285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"));
  }

  @Test
  void matchesPublishedSecureTrieRoot() {
    // The same "dogs" items with keccak(key) as the trie key, as account and storage tries do.
    List<Map.Entry<byte[], byte[]>> hashed = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : ascii(Map.of("doe", "reindeer", "dog", "puppy", "dogglesworth", "cat"))) {
      hashed.add(Map.entry(Keccak.keccak256(e.getKey()).toArray(), e.getValue()));
    }
    assertThat(TrieRoot.of(hashed)).isEqualTo(Hash.fromHex("d4cd937e4a4368d7931a9cf51686b7e10abb3dce38a39000fd7902a092b64585"));
  }

  @Property(tries = 200)
  void rootDoesNotDependOnOrder(@ForAll @Size(max = 40) List<@Size(max = 6) byte[]> keys, @ForAll long seed) {
    Map<String, Map.Entry<byte[], byte[]>> distinct = new HashMap<>();
    for (byte[] k : keys) {
      distinct.putIfAbsent(Hex.encode(k), Map.entry(k, Keccak.keccak256(k).toArray()));
    }
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(distinct.values());
    Hash root = TrieRoot.of(entries);
    Collections.shuffle(entries, new Random(seed));
    assertThat(TrieRoot.of(entries)).isEqualTo(root);
    if (!entries.isEmpty()) {
      assertThat(TrieRoot.of(entries.subList(1, entries.size()))).isNotEqualTo(root);
    }
  }

  @Test
  void emptyKeyAndKeysThatArePrefixesOfOthersAreAllowed() {
    List<Map.Entry<byte[], byte[]>> entries = List.of(
        Map.entry(new byte[0], bytes("root")),
        Map.entry(bytes("a"), bytes("1")),
        Map.entry(bytes("ab"), bytes("2")));
    Hash root = TrieRoot.of(entries);
    assertThat(root).isNotEqualTo(TrieRoot.of(entries.subList(1, 3)));
    assertThat(TrieRoot.of(List.of(entries.get(2), entries.get(0), entries.get(1)))).isEqualTo(root);
  }

  @Test
  void rejectsDuplicateKeys() {
    List<Map.Entry<byte[], byte[]>> entries = List.of(Map.entry(bytes("dog"), bytes("puppy")), Map.entry(bytes("dog"), bytes("hound")));
    assertThatThrownBy(() -> TrieRoot.of(entries)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate key 0x646f67");
  }

  @Test
  void rejectsEmptyValues() {
    List<Map.Entry<byte[], byte[]>> entries = List.of(Map.entry(bytes("dog"), new byte[0]));
    assertThatThrownBy(() -> TrieRoot.of(entries)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty value");
  }

  @Test
  void orderedRootUsesRlpIndexKeys() {
    // 200 values cross the index 127/128 boundary, where rlp(i) changes form.
    List<byte[]> values = new ArrayList<>();
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] v = Keccak.keccak256(new byte[] {(byte) i}).toArray();
      values.add(v);
      entries.add(Map.entry(io.headersync.rlp.RlpWriter.encodeLong(i), v));
    }
    Collections.reverse(entries);
    assertThat(TrieRoot.ofOrdered(values)).isEqualTo(TrieRoot.of(entries));
  }

  @Test
  void transactionsRootsOfTestChains() throws IOException {
    for (String chain : List.of("testchains/execution-apis/chain.rlp", "testchains/geth-ethtest/chain.rlp")) {
      byte[] data = Files.readAllBytes(TestData.require(chain));
      RlpReader blocks = RlpReader.wrap(data);
      int checked = 0;
      int withTransactions = 0;
      while (blocks.hasNext()) {
        RlpReader block = blocks.readList();
        BlockHeader header = BlockHeader.decode(block);
        List<byte[]> txs = transactionItems(block.readList());
        assertThat(TrieRoot.ofOrdered(txs)).as("%s block %d", chain, header.number()).isEqualTo(header.transactionsRoot());
        block.skip(); // ommers
        if (block.hasNext() && header.withdrawalsRoot() != null) {
          assertThat(TrieRoot.ofOrdered(rawItems(block.readList()))).as("%s block %d withdrawals", chain, header.number()).isEqualTo(header.withdrawalsRoot());
        }
        checked++;
        withTransactions += txs.isEmpty() ? 0 : 1;
      }
      assertThat(checked).as(chain).isGreaterThan(50);
      assertThat(withTransactions).as(chain).isGreaterThan(10);
    }
  }

  @Test
  void transactionsAndWithdrawalsRootsOfMainnetBlocks() throws IOException {
    Path folder = TestData.require("mainnet/portal/block_data");
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int withWithdrawals = 0;
    for (Path file : files) {
      Map<String, String> fields = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
      BlockHeader header = BlockHeader.decode(Hex.decode(fields.get("header")));
      RlpReader body = RlpReader.wrap(Hex.decode(fields.get("body"))).readList();
      List<byte[]> txs = transactionItems(body.readList());
      assertThat(txs).as(file.getFileName().toString()).isNotEmpty();
      assertThat(TrieRoot.ofOrdered(txs)).as(file.getFileName().toString()).isEqualTo(header.transactionsRoot());
      body.skip(); // ommers
      if (body.hasNext()) {
        assertThat(TrieRoot.ofOrdered(rawItems(body.readList()))).as(file.getFileName() + " withdrawals").isEqualTo(header.withdrawalsRoot());
        withWithdrawals++;
      }
    }
    assertThat(withWithdrawals).isGreaterThan(0);
  }

  /** A legacy transaction is its RLP list; a typed one is the payload of an RLP string. */
  static List<byte[]> transactionItems(RlpReader txs) {
    List<byte[]> out = new ArrayList<>();
    while (txs.hasNext()) {
      out.add(txs.nextIsList() ? txs.readRaw() : txs.readBytes());
    }
    return out;
  }

  private static List<byte[]> rawItems(RlpReader list) {
    List<byte[]> out = new ArrayList<>();
    while (list.hasNext()) {
      out.add(list.readRaw());
    }
    return out;
  }

  private static List<Map.Entry<byte[], byte[]>> ascii(Map<String, String> items) {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    items.forEach((k, v) -> out.add(Map.entry(bytes(k), bytes(v))));
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

}
