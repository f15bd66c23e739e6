package io.headersync.consensus.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Hex;
import io.headersync.core.era.Era1Source;
import io.headersync.core.source.BlockSource;
import io.headersync.core.source.ChainRlpSource;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyValidatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"testchains/geth-ethtest/chain.rlp", "testchains/execution-apis/chain.rlp"})
  void everyTestChainBodyMatchesItsHeader(String relative) throws Exception {
    List<SourceBlock> blocks = readAll(ChainRlpSource.open(TestData.require(relative)));
    assertThat(blocks).isNotEmpty();
    for (SourceBlock b : blocks) {
      BlockBody body = BodyValidator.validate(b.header(), b.bodyRlp());
      assertThat(body.encode()).isEqualTo(b.bodyRlp());
      assertThat(b.header().toBuilder().build().encoded()).isEqualTo(b.header().encoded());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mainnet/era1/mainnet-00000-5ec1ffb8.era1", "mainnet/era1/mainnet-00001-a5364e9a.era1"})
  void mainnetEra1BodiesMatchTheirHeaders(String relative) throws Exception {
    int blocks = 0;
    int ommers = 0;
    try (BlockSource source = Era1Source.open(TestData.require(relative))) {
      for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
        BlockBody body = BodyValidator.validate(b.get().header(), b.get().bodyRlp());
        blocks++;
        ommers += body.ommers().size();
      }
    }
    assertThat(blocks).isEqualTo(8192);
    // Mainnet's first epochs have no transactions yet, but they do have ommers: the ommers hash
    // is checked against real ommer headers here, the transactions root by the other tests.
    assertThat(ommers).isPositive();
  }

  @Test
  void portalBlockBodiesMatchTheirHeaders() throws Exception {
    Path dir = TestData.require("mainnet/portal/block_data");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int withdrawals = 0;
    for (Path f : files) {
      BlockHeader header = BlockHeader.decode(Hex.decode(yamlValue(f, "header")));
      BlockBody body = BodyValidator.validate(header, Hex.decode(yamlValue(f, "body")));
      withdrawals += body.hasWithdrawals() ? body.withdrawals().size() : 0;
    }
    assertThat(withdrawals).isPositive();
  }

  @Test
  void aFlippedTransactionByteFailsTheTransactionsRoot() throws Exception {
    SourceBlock b = firstBlock(body -> !body.transactions().isEmpty());
    BlockBody body = BlockBody.decode(b.bodyRlp());
    List<byte[]> txs = new ArrayList<>(body.transactions());
    byte[] tx = txs.get(0).clone();
    tx[tx.length - 1] ^= 0x01; // last byte of the signature: the envelope still frames
    txs.set(0, tx);
    BlockBody broken = new BlockBody(txs, body.ommers(), body.withdrawals(), body.trailingItems());
    assertThatThrownBy(() -> BodyValidator.validate(b.header(), broken))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
          assertThat(e.field()).isEqualTo(BodyValidator.TRANSACTIONS_ROOT);
          assertThat(e.number()).isEqualTo(b.header().number());
          assertThat(e.expected()).isEqualTo(b.header().transactionsRoot().toHex());
        });
    // Reordering is as wrong as changing: the trie is keyed by position.
    if (txs.size() > 1) {
      List<byte[]> swapped = new ArrayList<>(body.transactions());
      swapped.add(swapped.remove(0));
      BlockBody reordered = new BlockBody(swapped, body.ommers(), body.withdrawals(), body.trailingItems());
      assertThatThrownBy(() -> BodyValidator.validate(b.header(), reordered))
          .isInstanceOfSatisfying(InvalidHeaderException.class,
              e -> assertThat(e.field()).isEqualTo(BodyValidator.TRANSACTIONS_ROOT));
    }
  }

  @Test
  void anExtraOmmerFailsTheOmmersHash() throws Exception {
    SourceBlock b = firstBlock(body -> true);
    BlockBody body = BlockBody.decode(b.bodyRlp());
    List<BlockHeader> ommers = new ArrayList<>(body.ommers());
    ommers.add(b.header());
    BlockBody broken = new BlockBody(body.transactions(), ommers, body.withdrawals(), body.trailingItems());
    assertThatThrownBy(() -> BodyValidator.validate(b.header(), broken))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
          assertThat(e.field()).isEqualTo(BodyValidator.OMMERS_HASH);
          assertThat(e.found()).contains("1 ommers");
        });
  }

  @Test
  void aMissingWithdrawalFailsTheWithdrawalsRoot() throws Exception {
    SourceBlock b = firstBlock(body -> body.hasWithdrawals() && !body.withdrawals().isEmpty());
    BlockBody body = BlockBody.decode(b.bodyRlp());
    List<Withdrawal> fewer = body.withdrawals().subList(0, body.withdrawals().size() - 1);
    BlockBody broken = new BlockBody(body.transactions(), body.ommers(), fewer, body.trailingItems());
    assertThatThrownBy(() -> BodyValidator.validate(b.header(), broken))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
          assertThat(e.field()).isEqualTo(BodyValidator.WITHDRAWALS_ROOT);
          assertThat(e.expected()).isEqualTo(b.header().withdrawalsRoot().toHex());
        });
  }

  @Test
  void withdrawalsArePresentExactlyWhenTheHeaderHasTheirRoot() throws Exception {
    SourceBlock shanghai = firstBlock(body -> body.hasWithdrawals());
    BlockBody body = BlockBody.decode(shanghai.bodyRlp());
    BlockBody without = new BlockBody(body.transactions(), body.ommers(), null);
    assertThatThrownBy(() -> BodyValidator.validate(shanghai.header(), without))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
          assertThat(e.field()).isEqualTo(BodyValidator.WITHDRAWALS);
          assertThat(e.found()).isEqualTo("no withdrawals list");
        });

    SourceBlock before = firstBlockOf("testchains/execution-apis/chain.rlp", x -> !x.hasWithdrawals());
    BlockBody old = BlockBody.decode(before.bodyRlp());
    BlockBody with = new BlockBody(old.transactions(), old.ommers(), List.of());
    assertThatThrownBy(() -> BodyValidator.validate(before.header(), with))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.field()).isEqualTo(BodyValidator.WITHDRAWALS));
  }

  @Test
  void aBodyOfAnotherBlockIsRejected() throws Exception {
    List<SourceBlock> blocks = readAll(ChainRlpSource.open(TestData.require("testchains/geth-ethtest/chain.rlp")));
    SourceBlock a = blocks.stream().filter(b -> BlockBody.decode(b.bodyRlp()).transactions().size() > 0).findFirst().orElseThrow();
    SourceBlock other = blocks.stream()
        .filter(b -> !b.header().transactionsRoot().equals(a.header().transactionsRoot())).findFirst().orElseThrow();
    assertThatThrownBy(() -> BodyValidator.validate(a.header(), other.bodyRlp())).isInstanceOf(InvalidHeaderException.class);
  }

  @Test
  void aMalformedBodyIsReportedAsTheBodyField() throws Exception {
    SourceBlock b = firstBlock(body -> true);
    byte[] cut = java.util.Arrays.copyOf(b.bodyRlp(), b.bodyRlp().length - 1);
    assertThatThrownBy(() -> BodyValidator.validate(b.header(), cut))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
          assertThat(e.field()).isEqualTo(BodyValidator.BODY);
          assertThat(e.found()).contains("TRUNCATED");
        });
  }

  private static SourceBlock firstBlock(Predicate<BlockBody> wanted) throws Exception {
    return firstBlockOf("testchains/geth-ethtest/chain.rlp", wanted);
  }

  private static SourceBlock firstBlockOf(String relative, Predicate<BlockBody> wanted) throws Exception {
    for (SourceBlock b : readAll(ChainRlpSource.open(TestData.require(relative)))) {
      if (wanted.test(BlockBody.decode(b.bodyRlp()))) {
        return b;
      }
    }
    throw new AssertionError("no block of " + relative + " fits the test");
  }

  private static List<SourceBlock> readAll(BlockSource source) throws Exception {
    List<SourceBlock> out = new ArrayList<>();
    try (source) {
      for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
        out.add(b.get());
      }
    }
    return out;
  }

  /** The value of a top-level {@code key: value} line of a flat YAML file. */
  private static String yamlValue(Path file, String key) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).strip())
          .findFirst().orElseThrow(() -> new AssertionError(file + " has no " + key));
    }
  }
}
