package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every case of ethereum/tests' PoWTests/ethash_tests.json. */
class EthashVectorsTest {

  @Test
  void everyVectorMatches() throws IOException, InvalidHeaderException {
    Path file = TestData.require("vectors/ethereum-tests/PoWTests/ethash_tests.json");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Ethash ethash = new Ethash(new EthashCaches(2));
    int cases = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      BlockHeader header = BlockHeader.decode(Hex.decode(v.get("header").asText()));
      long epoch = EthashParams.epoch(header.number());

      assertThat(EthashParams.cacheSize(epoch)).as(name + " cache_size").isEqualTo(v.get("cache_size").asLong());
      assertThat(EthashParams.datasetSize(epoch)).as(name + " full_size").isEqualTo(v.get("full_size").asLong());
      assertThat(EthashParams.seedHash(epoch)).as(name + " seed").isEqualTo(Hash.fromHex(v.get("seed").asText()));
      assertThat(header.sealHash()).as(name + " header_hash").isEqualTo(Hash.fromHex(v.get("header_hash").asText()));
      assertThat(header.nonce()).as(name + " nonce").isEqualTo(Long.parseUnsignedLong(v.get("nonce").asText(), 16));

      EthashCache cache = ethash.caches().forEpoch(epoch);
      assertThat(cache.size()).isEqualTo(v.get("cache_size").asLong());
      if (v.has("cache_hash")) {
        assertThat(cache.contentHash()).as(name + " cache_hash").isEqualTo(Hash.fromHex(v.get("cache_hash").asText()));
      }
      EthashResult r = ethash.hashimotoLight(header.number(), header.sealHash(), header.nonce());
      assertThat(r.mixDigest()).as(name + " mixHash").isEqualTo(Hash.fromHex(v.get("mixHash").asText()));
      assertThat(r.result()).as(name + " result").isEqualTo(Hash.fromHex(v.get("result").asText()));
      assertThat(header.mixHash()).isEqualTo(r.mixDigest());
      if (new BigInteger(1, r.result().unsafeArray()).compareTo(BigInteger.ONE.shiftLeft(256).divide(header.difficulty())) <= 0) {
        ethash.verify(header);
      }
      cases++;
    }
    assertThat(cases).isEqualTo(root.size()).isPositive();
  }
}
