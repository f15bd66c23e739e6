package io.headersync.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.node.rpc.HeadEvent;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.TestChains;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.SyncTarget;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.run.SimulatedSync;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Engine API driven as a consensus client drives it: signed tokens, forkchoice updates, payloads. */
class EngineApiTest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_800_000_000L;
  private static final long STORED_HEAD = TestChains.FIRST + 10;

  private final LazyHeaderChain chain = TestChains.cancun(11, 40);
  private final JwtSecret secret = JwtSecret.generate(new SecureRandom());
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<SyncTarget> targets = new CopyOnWriteArrayList<>();
  private final List<HeadEvent> events = new CopyOnWriteArrayList<>();
  private InMemoryHeaderStore store;
  private EngineServer server;
  private int nextId = 1;

  @BeforeEach
  void start() {
    store = TestChains.store(chain, STORED_HEAD, n -> true);
    HeadEventHub hub = new HeadEventHub();
    hub.subscribe(events::add);
    EngineApi engine = new EngineApi(store, new HeaderValidator(SimulatedSync.spec()), hub, targets::add, EngineConfig.DEFAULT);
    RpcBackend backend = RpcBackend.of(store, 1, 1).withForkchoice(engine.forkchoice()).withHeads(hub);
    server = EngineServer.start(EngineConfig.DEFAULT.withAddress("127.0.0.1", 0), secret,
        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), engine, backend);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- helpers a consensus client would have

  private HttpResponse<String> send(String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode call(String method, Object... params) throws Exception {
    ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
    ArrayNode ps = req.putArray("params");
    for (Object p : params) {
      ps.add(p instanceof JsonNode j ? j : JSON.valueToTree(p));
    }
    HttpResponse<String> r = send(JSON.writeValueAsString(req), Jwt.sign(secret, NOW - 5));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static ObjectNode payload(BlockHeader h, BlockBody body) {
    ObjectNode p = JSON.createObjectNode();
    p.put("parentHash", h.parentHash().toHex());
    p.put("feeRecipient", h.beneficiary().toHex());
    p.put("stateRoot", h.stateRoot().toHex());
    p.put("receiptsRoot", h.receiptsRoot().toHex());
    p.put("logsBloom", Hex.encode(h.logsBloom()));
    p.put("prevRandao", h.mixHash().toHex());
    p.put("blockNumber", Hex.quantity(h.number()));
    p.put("gasLimit", Hex.quantity(h.gasLimit()));
    p.put("gasUsed", Hex.quantity(h.gasUsed()));
    p.put("timestamp", Hex.quantity(h.timestamp()));
    p.put("extraData", Hex.encode(h.extraData()));
    p.put("baseFeePerGas", Hex.quantity(h.baseFeePerGas()));
    p.put("blockHash", h.hash().toHex());
    ArrayNode txs = p.putArray("transactions");
    body.transactions().forEach(tx -> txs.add(Hex.encode(tx)));
    ArrayNode ws = p.putArray("withdrawals");
    for (Withdrawal w : body.withdrawals()) {
      ws.addObject().put("index", Hex.quantity(w.index())).put("validatorIndex", Hex.quantity(w.validatorIndex()))
          .put("address", w.address().toHex()).put("amount", Hex.quantity(w.amountGwei()));
    }
    p.put("blobGasUsed", Hex.quantity(h.blobGasUsed()));
    p.put("excessBlobGas", Hex.quantity(h.excessBlobGas()));
    return p;
  }

  private JsonNode newPayloadV3(BlockHeader h) throws Exception {
    return call("engine_newPayloadV3", payload(h, SyntheticBodies.bodyFor(h)), List.of(), h.parentBeaconBlockRoot().toHex());
  }

  private static ObjectNode forkchoice(Hash head, Hash safe, Hash finalized) {
    return JSON.createObjectNode().put("headBlockHash", head.toHex()).put("safeBlockHash", safe.toHex())
        .put("finalizedBlockHash", finalized.toHex());
  }

  private static String status(JsonNode response) {
    JsonNode r = response.get("result");
    return (r.has("payloadStatus") ? r.get("payloadStatus") : r).get("status").asText();
  }

  // ---- tests

  @Test
  void capabilitiesListEveryVersionServedButNotTheMethodItself() throws Exception {
    JsonNode r = call("engine_exchangeCapabilities", List.of("engine_newPayloadV3", "engine_forkchoiceUpdatedV3"));
    List<String> caps = new ArrayList<>();
    r.get("result").forEach(n -> caps.add(n.asText()));
    assertThat(caps).contains("engine_newPayloadV1", "engine_newPayloadV4", "engine_forkchoiceUpdatedV3")
        .doesNotContain("engine_exchangeCapabilities");
  }

  @Test
  void payloadsAreStoredAndAForkchoiceUpdateMakesTheirHeadCanonical() throws Exception {
    List<BlockHeader> sent = new ArrayList<>();
    for (long n = STORED_HEAD + 1; n <= STORED_HEAD + 5; n++) {
      BlockHeader h = chain.header(n);
      JsonNode r = newPayloadV3(h);
      assertThat(status(r)).isEqualTo("VALID");
      assertThat(r.get("result").get("latestValidHash").asText()).isEqualTo(h.hash().toHex());
      assertThat(store.header(h.hash())).contains(h);
      assertThat(store.body(h.hash())).isPresent();
      sent.add(h);
    }
    assertThat(store.head().orElseThrow().number()).as("newPayload does not move the head").isEqualTo(STORED_HEAD);

    BlockHeader head = sent.getLast();
    Hash safe = chain.header(STORED_HEAD + 2).hash();
    Hash finalized = chain.header(STORED_HEAD).hash();
    JsonNode r = call("engine_forkchoiceUpdatedV3", forkchoice(head.hash(), safe, finalized), null);
    assertThat(status(r)).isEqualTo("VALID");
    assertThat(r.get("result").get("payloadId").isNull()).isTrue();
    assertThat(store.head().orElseThrow().hash()).isEqualTo(head.hash());
    assertThat(targets).extracting(SyncTarget::hash).containsExactly(head.hash());
    assertThat(events).singleElement().satisfies(e -> assertThat(e.added()).containsExactlyElementsOf(sent));

    // The same port serves the eth subset; the safe tag now resolves.
    assertThat(call("eth_getBlockByNumber", "safe", false).get("result").get("hash").asText()).isEqualTo(safe.toHex());
    assertThat(call("eth_blockNumber").get("result").asText()).isEqualTo(Hex.quantity(head.number()));
  }

  @Test
  void anUnknownHeadIsSyncingAndBecomesTheTargetThenValidOnceSynced() throws Exception {
    BlockHeader target = chain.header(STORED_HEAD + 20);
    Hash zero = Hash.ZERO;
    assertThat(status(call("engine_forkchoiceUpdatedV1", forkchoice(target.hash(), zero, zero), null))).isEqualTo("SYNCING");
    assertThat(targets).extracting(SyncTarget::hash).containsExactly(target.hash());

    // The sync (here: the chain copied in, as a download would) reaches the target...
    for (long n = STORED_HEAD + 1; n <= target.number(); n++) {
      TestChains.append(store, chain, n, false);
    }
    // ...and the consensus client's next update finds it canonical.
    JsonNode r = call("engine_forkchoiceUpdatedV2", forkchoice(target.hash(), zero, zero), null);
    assertThat(status(r)).isEqualTo("VALID");
    assertThat(r.get("result").get("payloadStatus").get("latestValidHash").asText()).isEqualTo(target.hash().toHex());
  }

  @Test
  void aPayloadWithAWrongBlockHashIsRefused() throws Exception {
    BlockHeader h = chain.header(STORED_HEAD + 1);
    ObjectNode p = payload(h, SyntheticBodies.bodyFor(h));
    p.put("gasUsed", Hex.quantity(h.gasUsed() + 1));
    JsonNode r = call("engine_newPayloadV3", p, List.of(), h.parentBeaconBlockRoot().toHex());
    assertThat(status(r)).isEqualTo("INVALID");
    assertThat(r.get("result").get("latestValidHash").isNull()).isTrue();
    assertThat(r.get("result").get("validationError").asText()).contains("does not match");
    assertThat(store.header(h.hash())).isEmpty();

    // A wrong beacon root changes the rebuilt header too.
    JsonNode r2 = call("engine_newPayloadV3", payload(h, SyntheticBodies.bodyFor(h)), List.of(), Hash.ZERO.toHex());
    assertThat(status(r2)).isEqualTo("INVALID");
    // Blob hashes the payload's transactions do not carry.
    JsonNode r3 = call("engine_newPayloadV3", payload(h, SyntheticBodies.bodyFor(h)), List.of(Hash.ZERO.toHex()),
        h.parentBeaconBlockRoot().toHex());
    assertThat(status(r3)).isEqualTo("INVALID");
    assertThat(r3.get("result").get("validationError").asText()).contains("versioned hashes");
  }

  @Test
  void payloadVersionMustFitTheFork() throws Exception {
    BlockHeader h = chain.header(STORED_HEAD + 1);
    JsonNode v2 = call("engine_newPayloadV2", payload(h, SyntheticBodies.bodyFor(h)));
    assertThat(v2.get("error").get("code").asInt()).isEqualTo(-38005);
    JsonNode v4 = call("engine_newPayloadV4", payload(h, SyntheticBodies.bodyFor(h)), List.of(),
        h.parentBeaconBlockRoot().toHex(), List.of());
    assertThat(v4.get("error").get("code").asInt()).as("a Cancun block is not for V4").isEqualTo(-38005);
    JsonNode missing = call("engine_newPayloadV3", payload(h, SyntheticBodies.bodyFor(h)));
    assertThat(missing.get("error").get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void aPayloadWithAnUnknownParentIsSyncingAndOneBreakingARuleIsInvalid() throws Exception {
    assertThat(status(newPayloadV3(chain.header(STORED_HEAD + 3)))).isEqualTo("SYNCING");

    BlockHeader good = chain.header(STORED_HEAD + 1);
    BlockHeader parent = chain.header(STORED_HEAD);
    BlockHeader bad = good.toBuilder().gasLimit(parent.gasLimit() * 2).build(); // beyond the 1/1024 step
    JsonNode r = call("engine_newPayloadV3", payload(bad, SyntheticBodies.bodyFor(good)), List.of(),
        bad.parentBeaconBlockRoot().toHex());
    assertThat(status(r)).isEqualTo("INVALID");
    assertThat(r.get("result").get("latestValidHash").asText()).isEqualTo(parent.hash().toHex());
    assertThat(r.get("result").get("validationError").asText()).containsIgnoringCase("gas");
    assertThat(store.header(bad.hash())).isEmpty();
  }

  @Test
  void payloadAttributesAreCheckedButNoPayloadIsBuilt() throws Exception {
    BlockHeader head = chain.header(STORED_HEAD);
    ObjectNode attributes = JSON.createObjectNode().put("timestamp", Hex.quantity(head.timestamp() + 12))
        .put("prevRandao", Hash.ZERO.toHex()).put("suggestedFeeRecipient", "0x" + "00".repeat(20))
        .put("parentBeaconBlockRoot", Hash.ZERO.toHex());
    attributes.putArray("withdrawals");
    JsonNode ok = call("engine_forkchoiceUpdatedV3", forkchoice(head.hash(), Hash.ZERO, Hash.ZERO), attributes);
    assertThat(status(ok)).isEqualTo("VALID");
    assertThat(ok.get("result").get("payloadId").isNull()).isTrue();

    attributes.put("timestamp", Hex.quantity(head.timestamp()));
    JsonNode stale = call("engine_forkchoiceUpdatedV3", forkchoice(head.hash(), Hash.ZERO, Hash.ZERO), attributes);
    assertThat(stale.get("error").get("code").asInt()).isEqualTo(-38003);
  }

  @Test
  void requestsWithoutAValidTokenGet401() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\",\"params\":[[]]}";
    assertThat(send(body, null).statusCode()).isEqualTo(401);
    assertThat(send(body, Jwt.sign(JwtSecret.generate(new SecureRandom()), NOW)).statusCode()).as("other secret").isEqualTo(401);
    assertThat(send(body, Jwt.sign(secret, NOW - 61)).statusCode()).as("expired").isEqualTo(401);
    assertThat(send(body, Jwt.sign(secret, NOW + 61)).statusCode()).as("from the future").isEqualTo(401);
    String token = Jwt.sign(secret, NOW);
    String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
    assertThat(send(body, tampered).statusCode()).isEqualTo(401);
    String none = token.replaceFirst("^[^.]+", java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    HttpResponse<String> refused = send(body, none);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("HS256");
    assertThat(send(body, Jwt.sign(secret, NOW + 59)).statusCode()).isEqualTo(200);
  }
}
