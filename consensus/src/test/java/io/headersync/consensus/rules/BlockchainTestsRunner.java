package io.headersync.consensus.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.ChainSpec;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays the headers of the public BlockchainTests JSON files through {@link HeaderValidator}
 * the way a header-first node would: each block's header against its parent (looked up by
 * hash among the accepted ones; an unknown parent falls back to the latest accepted header, so
 * the parent link rule reports it) with the parent's running total difficulty. Invalid blocks
 * are not imported, as in the tests themselves.
 */
final class BlockchainTestsRunner {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the validator made of one block of one test. */
  record Outcome(String id, String network, String expectException, Verdict verdict, Hash hash, String expectedHash) {

    boolean expectedValid() {
      return expectException == null;
    }
  }

  /** Accepted, rejected by a rule, or not even decodable as a header. */
  sealed interface Verdict {
    record Accepted() implements Verdict {}

    record Rejected(InvalidHeaderException error) implements Verdict {}

    record Undecodable(RlpException error) implements Verdict {}
  }

  /** One test of a file: its genesis check and the outcome of each block. */
  record TestRun(String id, Hash genesisHash, String expectedGenesisHash, boolean lastBlockAccepted, String lastBlockHash,
      List<Outcome> blocks) {}

  private BlockchainTestsRunner() {}

  /** Every {@code .json} file under {@code folder}, sorted. */
  static List<Path> files(Path folder) {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs every test of one file; ids are {@code <file relative to base>#<test>/<block number from 1>}. */
  static List<TestRun> run(Path base, Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String fileId = base.relativize(file).toString().replace('\\', '/');
    List<TestRun> runs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> test = it.next();
      runs.add(runTest(fileId + "#" + test.getKey(), test.getValue()));
    }
    return runs;
  }

  private static TestRun runTest(String testId, JsonNode test) {
    String network = test.get("network").asText();
    BlockHeader genesis = headerOfBlock(Hex.decode(test.get("genesisRLP").asText()));
    ChainSpec spec = TestNetworks.spec(network, genesis);
    HeaderValidator validator = new HeaderValidator(spec);

    Map<Hash, BlockHeader> accepted = new HashMap<>();
    Map<Hash, BigInteger> totalDifficulty = new HashMap<>();
    accepted.put(genesis.hash(), genesis);
    totalDifficulty.put(genesis.hash(), genesis.difficulty());
    BlockHeader head = genesis;

    List<Outcome> outcomes = new ArrayList<>();
    int index = 0;
    for (JsonNode block : test.get("blocks")) {
      index++;
      String id = testId + "/" + index;
      String expectException = block.hasNonNull("expectException") ? block.get("expectException").asText() : null;
      String expectedHash = block.has("blockHeader") ? block.get("blockHeader").get("hash").asText() : null;
      BlockHeader header;
      try {
        header = headerOfBlock(Hex.decode(block.get("rlp").asText()));
      } catch (RlpException e) {
        outcomes.add(new Outcome(id, network, expectException, new Verdict.Undecodable(e), null, expectedHash));
        continue;
      }
      BlockHeader parent = accepted.getOrDefault(header.parentHash(), head);
      BigInteger parentTd = totalDifficulty.get(parent.hash());
      Verdict verdict;
      try {
        validator.validate(header, parent, parentTd);
        verdict = new Verdict.Accepted();
      } catch (InvalidHeaderException e) {
        verdict = new Verdict.Rejected(e);
      }
      // What the header alone reveals must agree with the full check.
      try {
        validator.validateStandalone(header);
      } catch (InvalidHeaderException e) {
        // The full check runs the same rules in the same order, with the parent's in between.
        boolean agrees = verdict instanceof Verdict.Rejected r
            && (r.error().rule().equals(e.rule()) || !isStandalone(validator, r.error().rule()));
        if (!agrees) {
          throw new AssertionError(id + ": standalone check rejects by " + e.rule() + " but the full check says " + verdict, e);
        }
      }
      outcomes.add(new Outcome(id, network, expectException, verdict, header.hash(), expectedHash));
      if (verdict instanceof Verdict.Accepted && expectException == null) {
        accepted.put(header.hash(), header);
        totalDifficulty.put(header.hash(), parentTd.add(header.difficulty()));
        head = header;
      }
    }
    String lastHash = test.has("lastblockhash") ? test.get("lastblockhash").asText() : null;
    boolean lastAccepted = lastHash == null || accepted.containsKey(Hash.fromHex(lastHash));
    String genesisHash = test.get("genesisBlockHeader").get("hash").asText();
    return new TestRun(testId, genesis.hash(), genesisHash, lastAccepted, lastHash, outcomes);
  }

  private static boolean isStandalone(HeaderValidator validator, String rule) {
    for (HeaderRule r : validator.standaloneRules()) {
      if (r.name().equals(rule)) {
        return true;
      }
    }
    return false;
  }

  /** The header of a full block {@code [header, transactions, ommers, ...]}. */
  static BlockHeader headerOfBlock(byte[] blockRlp) {
    RlpReader block = RlpReader.wrap(blockRlp).readList();
    return BlockHeader.decode(block);
  }
}
