package io.headersync.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.Enode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * headersync serves a stored chain; an ethereumjs node dials it, agrees on eth/68 with snappy,
 * accepts our Status and asks GetBlockHeaders by number and by hash, with skip and reverse, past
 * either end, for an unknown hash and for a full 1024-header answer. Each answer must hold exactly
 * the headers the chain says, in order.
 */
class ServeToEthereumjsInteropTest {

  private static final long HEAD = 2000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** One question, and the origin's number on the chain (empty for a hash the chain lacks). */
  private record Ask(Object origin, Optional<Long> originNumber, int amount, int skip, boolean reverse) {}

  @Test
  void ethereumjsFetchesExactlyTheRightHeadersFromHeadersync() {
    InteropChain chain = InteropChain.of(HEAD, 7);
    Hash at1500 = chain.headers().header(1500).hash();
    Hash at42 = chain.headers().header(42).hash();
    Hash atHead = chain.head().hash();
    List<Ask> asks = List.of(
        new Ask(0L, Optional.of(0L), 16, 0, false),
        new Ask(1L, Optional.of(1L), 1024, 0, false),
        new Ask(1999L, Optional.of(1999L), 50, 4, true),
        new Ask(at1500, Optional.of(1500L), 100, 7, false),
        new Ask(at42, Optional.of(42L), 20, 2, true),
        new Ask(atHead, Optional.of(HEAD), 3, 0, true),
        new Ask(1990L, Optional.of(1990L), 64, 0, false),
        new Ask(HEAD + 5, Optional.of(HEAD + 5), 8, 0, false),
        new Ask(Hash.ZERO, Optional.empty(), 8, 0, false));

    try (HeadersyncNode node = new HeadersyncNode(chain.spec(), chain.fullStore(), 71)) {
      Enode enode = node.listen();
      BlockHeader genesis = chain.headers().header(0);
      ObjectNode config = EthereumJs.config()
          .put("privateKey", NodeKey.generate(new Random(72)).toHex())
          .put("enode", enode.toString())
          .put("genesisHash", chain.genesisHash().toString())
          .set("chainConfig", chain.gethConfig());
      config.putObject("head")
          .put("number", 0)
          .put("hash", genesis.hash().toString())
          .put("timestamp", genesis.timestamp())
          .put("td", chain.headers().totalDifficulty(0).toString());
      ArrayNode requests = config.putArray("requests");
      for (Ask ask : asks) {
        ObjectNode r = requests.addObject().put("amount", ask.amount()).put("skip", ask.skip()).put("reverse", ask.reverse());
        if (ask.origin() instanceof Hash h) {
          r.put("origin", h.toString());
        } else {
          r.put("origin", (Long) ask.origin());
        }
      }

      try (ScriptRun ethereumjs = EthereumJs.get().start("fetch-headers.mjs", config, Duration.ofSeconds(60))) {
        JsonNode hello = ethereumjs.await("hello", WAIT);
        assertThat(hello.path("clientId").asText()).isEqualTo(HeadersyncNode.CLIENT_ID);
        assertThat(hello.path("protocolVersion").asInt()).as("devp2p v5: snappy on").isEqualTo(5);
        assertThat(texts(hello.path("capabilities"))).contains("eth/68");

        JsonNode ourStatus = ethereumjs.await("status", WAIT);
        assertThat(ourStatus.path("version").asInt()).isEqualTo(68);
        assertThat(ourStatus.path("networkId").asLong()).isEqualTo(InteropChain.NETWORK_ID);
        assertThat(ourStatus.path("genesisHash").asText()).isEqualTo(chain.genesisHash().toString());
        assertThat(ourStatus.path("bestHash").asText()).isEqualTo(atHead.toString());
        assertThat(ourStatus.path("td").asText()).isEqualTo(chain.headTotalDifficulty().toString());
        assertThat(ourStatus.path("forkId").path("hash").asText()).isEqualTo(Hex.encode(chain.forkId().hash4()));
        assertThat(ourStatus.path("forkId").path("next").asText())
            .isEqualTo(Long.toUnsignedString(chain.forkId().next()));

        ethereumjs.await("done", WAIT);
        for (int i = 0; i < asks.size(); i++) {
          Ask ask = asks.get(i);
          int index = i;
          JsonNode answer = ethereumjs.await(e -> "headers".equals(e.path("event").asText())
              && e.path("index").asInt() == index, "answer " + i, WAIT);
          assertThat(texts(answer.path("hashes"))).as("%s: answered numbers %s", ask, answer.path("numbers"))
              .isEqualTo(chain.expectedHashes(ask.originNumber(), ask.amount(), ask.skip(), ask.reverse()));
        }
        assertThat(ethereumjs.awaitExit(WAIT)).as("fetch-headers exits 0 when done").isZero();
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
