package io.headersync.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headersync.p2p.discovery.DiscoveryConfig;
import io.headersync.p2p.discovery.DiscoveryNode;
import io.headersync.p2p.discovery.DiscoveryService;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * discv4 against ethereumjs' DPT, both ways: ethereumjs pings headersync and asks it for
 * neighbours (and gets the node headersync knows); headersync pings ethereumjs, asks it for
 * neighbours, and through its answer finds a node it knew nothing of.
 */
class DiscoveryInteropTest {

  private static final Duration SCRIPT_LIFETIME = Duration.ofSeconds(40);
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<DiscoveryService> services = new ArrayList<>();

  @AfterEach
  void stopServices() {
    services.forEach(DiscoveryService::stop);
  }

  @Test
  void ethereumjsPingsHeadersyncAndGetsItsNeighbours() {
    DiscoveryService known = start(11, List.of());
    DiscoveryService asked = start(12, List.of(nodeOf(known)));
    awaitTrue(() -> tableHolds(asked, known.nodeId()), "headersync bonded with its bootnode");

    try (ScriptRun ethereumjs = EthereumJs.get().start("discovery.mjs", EthereumJs.config()
        .put("privateKey", NodeKey.generate(new Random(13)).toHex())
        .put("mode", "query")
        .put("target", nodeOf(asked).toEnodeUrl())
        .put("lookup", known.nodeId().toHex())
        .put("waitMs", 10_000), SCRIPT_LIFETIME)) {

      NodeId ethereumjsId = NodeId.fromHex(ethereumjs.await("ready", WAIT).path("id").asText());
      assertThat(ethereumjs.await("pong", WAIT).path("from").asText())
          .as("the Pong is signed by the node pinged").isEqualTo(hex(asked.nodeId()));
      ethereumjs.await("done", WAIT);
      JsonNode neighbours = ethereumjs.await(
          e -> "neighbours".equals(e.path("type").asText()), "a Neighbors packet", WAIT);
      assertThat(neighbours.path("from").asText()).isEqualTo(hex(asked.nodeId()));
      assertThat(neighbours.path("peers").findValuesAsText("id")).contains(hex(known.nodeId()));
      JsonNode knownEntry = entryFor(neighbours, known.nodeId());
      assertThat(knownEntry.path("address").asText()).isEqualTo("127.0.0.1");
      assertThat(knownEntry.path("udpPort").asInt()).isEqualTo(known.localAddress().getPort());

      awaitTrue(() -> tableHolds(asked, ethereumjsId), "headersync put the pinging ethereumjs node in its table"
          + "\n" + ethereumjs.diagnostics());
    }
  }

  @Test
  void headersyncPingsEthereumjsAndFindsANodeThroughItsNeighbours() {
    DiscoveryService hidden = start(21, List.of());
    try (ScriptRun ethereumjs = EthereumJs.get().start("discovery.mjs", EthereumJs.config()
        .put("privateKey", NodeKey.generate(new Random(22)).toHex())
        .put("mode", "listen")
        .set("seeds", EthereumJs.json().createArrayNode().add(nodeOf(hidden).toEnodeUrl())), SCRIPT_LIFETIME)) {

      JsonNode ready = ethereumjs.await("ready", WAIT);
      DiscoveryNode ethereumjsNode = new DiscoveryNode(NodeId.fromHex(ready.path("id").asText()), LOOPBACK,
          ready.path("port").asInt(), 0);

      // ethereumjs is the seeker's only bootnode: the hidden node can only come from its Neighbors.
      DiscoveryService seeker = start(23, List.of(ethereumjsNode));
      assertThat(seeker.ping(ethereumjsNode).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join())
          .as("Pong from ethereumjs accepted\n" + ethereumjs.diagnostics()).isTrue();
      ethereumjs.await(e -> "ping".equals(e.path("type").asText()) && hex(seeker.nodeId()).equals(e.path("from").asText()),
          "our Ping as ethereumjs decoded it", WAIT);
      awaitTrue(() -> tableHolds(seeker, hidden.nodeId()),
          "headersync learned the hidden node from ethereumjs' Neighbors\n" + ethereumjs.diagnostics());
      ethereumjs.await(e -> "findneighbours".equals(e.path("type").asText())
          && hex(seeker.nodeId()).equals(e.path("from").asText()), "our FindNode as ethereumjs decoded it", WAIT);
      ethereumjs.await(e -> "peer-added".equals(e.path("event").asText())
          && hex(seeker.nodeId()).equals(e.path("id").asText()), "ethereumjs adding us to its table", WAIT);
    }
  }

  private DiscoveryService start(long keySeed, List<DiscoveryNode> bootnodes) {
    DiscoveryConfig config = DiscoveryConfig.builder()
        .bindAddress(LOOPBACK)
        .udpPort(0)
        // Lookups and revalidation on their own schedule would add packets the test did not ask for.
        .lookupInterval(Duration.ofHours(1))
        // A Node.js process on a loaded 2-core CI machine can take longer than the 500 ms default to answer.
        .requestTimeout(Duration.ofSeconds(2))
        .revalidateInterval(Duration.ofHours(1))
        .random(new Random(keySeed))
        .build();
    DiscoveryService service = DiscoveryService.start(config, NodeKey.generate(new Random(keySeed)), bootnodes);
    services.add(service);
    return service;
  }

  private static DiscoveryNode nodeOf(DiscoveryService service) {
    return new DiscoveryNode(service.nodeId(), LOOPBACK, service.localAddress().getPort(), 0);
  }

  private static boolean tableHolds(DiscoveryService service, NodeId id) {
    return service.nodes().stream().anyMatch(n -> n.id().equals(id));
  }

  private static JsonNode entryFor(JsonNode neighbours, NodeId id) {
    for (JsonNode peer : neighbours.path("peers")) {
      if (hex(id).equals(peer.path("id").asText())) {
        return peer;
      }
    }
    throw new AssertionError("no entry for " + id + " in " + neighbours);
  }

  private static String hex(NodeId id) {
    return "0x" + id.toHex();
  }

  /** Polls {@code condition} (these are network effects with no event to wait on) until {@link #WAIT}. */
  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
