package io.headersync.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.node.rpc.jsonrpc.Params;
import io.headersync.store.HeaderStore;
import io.headersync.sync.download.SyncTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Engine API methods.
 *
 * <p>{@code engine_newPayloadV1..V4}: reads the payload (and the V3 blob hashes and beacon root,
 * the V4 execution requests), checks that the payload's version fits its timestamp's fork, rebuilds
 * the header (roots computed from the transactions and withdrawals, the requests hash from the
 * requests) and compares its hash with {@code blockHash} — {@code INVALID_BLOCK_HASH} for V1,
 * {@code INVALID} from V2 on, as the spec moved. Then the blob hashes against the blob
 * transactions ({@code INVALID}); then, with the parent stored, the chain rules, after which the
 * header and body are stored ({@code VALID}; the rules broken: {@code INVALID} with the parent as
 * the latest valid hash); with the parent unknown, {@code SYNCING}. The node does not execute, so
 * {@code VALID} means what this node can know: hash, roots and every header rule.
 *
 * <p>{@code engine_forkchoiceUpdatedV1..V3}: the head goes to the {@link TargetSink} as the sync
 * target. A head stored here whose branch meets the canonical chain within a few blocks is made
 * canonical at once ({@code VALID}); any other head answers {@code SYNCING} and is left to the sync.
 * Safe and finalized blocks are recorded for the RPC's block tags. Payload attributes are checked
 * (shape, fork, a timestamp after the head's) but no payload is built: {@code payloadId} is null,
 * which the spec allows ("VALID and a build process hasn't been started").
 */
public final class EngineApi {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Listed by {@code engine_exchangeCapabilities}; the method itself is left out, as the spec says. */
  public static final List<String> CAPABILITIES = List.of(
      "engine_newPayloadV1", "engine_newPayloadV2", "engine_newPayloadV3", "engine_newPayloadV4",
      "engine_forkchoiceUpdatedV1", "engine_forkchoiceUpdatedV2", "engine_forkchoiceUpdatedV3");

  static final int UNSUPPORTED_FORK = -38005;
  static final int INVALID_FORKCHOICE_STATE = -38002;
  static final int INVALID_PAYLOAD_ATTRIBUTES = -38003;

  private final ChainSpec spec;
  private final ChainHeadWriter writer;
  private final TargetSink targets;
  private final ForkchoiceTracker forkchoice = new ForkchoiceTracker();

  /**
   * @param store where payload headers go and heads are made canonical
   * @param validator the chain's header rules (its spec decides which payload version fits which fork)
   * @param events where head changes are published
   * @param targets where forkchoice heads go
   */
  public EngineApi(HeaderStore store, HeaderValidator validator, HeadEventHub events, TargetSink targets, EngineConfig config) {
    this.spec = validator.spec();
    this.writer = new ChainHeadWriter(store, validator, events, config.maxReorgDepth());
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** The safe and finalized blocks the consensus client named last; give it to the RPC backend. */
  public ForkchoiceTracker forkchoice() {
    return forkchoice;
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    registry.register("engine_exchangeCapabilities", (p, c) -> {
      p.atMost(1);
      p.array(0, "capabilities");
      ArrayNode out = NODES.arrayNode();
      CAPABILITIES.forEach(out::add);
      return out;
    });
    for (int v = 1; v <= 4; v++) {
      int version = v;
      registry.register("engine_newPayloadV" + v, (p, c) -> newPayload(version, p));
    }
    for (int v = 1; v <= 3; v++) {
      int version = v;
      registry.register("engine_forkchoiceUpdatedV" + v, (p, c) -> forkchoiceUpdated(version, p));
    }
    return registry;
  }

  // ---- newPayload

  JsonNode newPayload(int version, Params p) {
    p.atMost(version == 1 || version == 2 ? 1 : version == 3 ? 3 : 4);
    String what = p.describe(0, "executionPayload");
    ExecutionPayload payload = ExecutionPayload.parse(p.require(0, "executionPayload"), what);
    checkPayloadVersion(version, payload, what);
    List<Hash> expectedBlobHashes = null;
    Hash beaconRoot = null;
    Hash requestsHash = null;
    if (version >= 3) {
      ArrayNode hashes = p.array(1, "expectedBlobVersionedHashes");
      expectedBlobHashes = new ArrayList<>(hashes.size());
      for (int i = 0; i < hashes.size(); i++) {
        expectedBlobHashes.add(Params.hash(hashes.get(i), p.describe(1, "expectedBlobVersionedHashes") + "[" + i + "]"));
      }
      beaconRoot = p.hash(2, "parentBeaconBlockRoot");
    }
    if (version == 4) {
      ArrayNode requests = p.array(3, "executionRequests");
      List<byte[]> raw = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        raw.add(Params.data(requests.get(i), p.describe(3, "executionRequests") + "[" + i + "]"));
      }
      try {
        requestsHash = ExecutionRequests.commitment(raw);
      } catch (IllegalArgumentException e) {
        throw JsonRpcException.invalidParams(p.describe(3, "executionRequests") + ": " + e.getMessage());
      }
    }
    BlockBody body;
    try {
      body = payload.body();
    } catch (IllegalArgumentException e) {
      return PayloadStatus.invalid(null, "malformed transaction: " + e.getMessage()).toJson();
    }
    BlockHeader header = payload.header(body, beaconRoot, requestsHash);
    if (!header.hash().equals(payload.blockHash())) {
      String error = "blockHash " + payload.blockHash() + " does not match the payload's header hash " + header.hash();
      return (version == 1 ? new PayloadStatus(PayloadStatus.Status.INVALID_BLOCK_HASH, null, error)
          : PayloadStatus.invalid(null, error)).toJson();
    }
    if (expectedBlobHashes != null) {
      List<Hash> actual;
      try {
        actual = BlobTransactions.versionedHashes(body.transactions());
      } catch (IllegalArgumentException e) {
        return PayloadStatus.invalid(null, e.getMessage()).toJson();
      }
      if (!actual.equals(expectedBlobHashes)) {
        return PayloadStatus.invalid(null, "the blob transactions commit to " + actual.size()
            + " versioned hashes that differ from the " + expectedBlobHashes.size() + " expected").toJson();
      }
    }
    ChainHeadWriter.Stored stored = writer.store(header, body);
    return switch (stored) {
      case ChainHeadWriter.Stored.Valid v -> PayloadStatus.valid(header.hash()).toJson();
      case ChainHeadWriter.Stored.Invalid i -> PayloadStatus.invalid(i.latestValid(), i.reason()).toJson();
      case ChainHeadWriter.Stored.ParentUnknown u -> PayloadStatus.SYNCING.toJson();
    };
  }

  /** V1 before Shanghai, V2 up to Cancun (V1 or V2 structure by Shanghai), V3 in Cancun, V4 from Prague. */
  private void checkPayloadVersion(int version, ExecutionPayload payload, String what) {
    long t = payload.timestamp();
    boolean shanghai = active(Fork.SHANGHAI, t);
    boolean cancun = active(Fork.CANCUN, t);
    boolean prague = active(Fork.PRAGUE, t);
    switch (version) {
      case 1 -> {
        if (payload.hasWithdrawals() || payload.hasBlobGas() || shanghai) {
          throw JsonRpcException.invalidParams(what + ": engine_newPayloadV1 takes an ExecutionPayloadV1 of a block before Shanghai");
        }
      }
      case 2 -> {
        if (cancun) {
          throw new JsonRpcException(UNSUPPORTED_FORK, "Unsupported fork: a block at " + t + " is past Cancun; use engine_newPayloadV3");
        }
        if (payload.hasBlobGas() || payload.hasWithdrawals() != shanghai) {
          throw JsonRpcException.invalidParams(what + ": engine_newPayloadV2 takes an ExecutionPayload"
              + (shanghai ? "V2 (with withdrawals) from Shanghai on" : "V1 (without withdrawals) before Shanghai"));
        }
      }
      case 3, 4 -> {
        if (!payload.hasWithdrawals() || !payload.hasBlobGas()) {
          throw JsonRpcException.invalidParams(what + ": engine_newPayloadV" + version
              + " takes an ExecutionPayloadV3 (withdrawals, blobGasUsed, excessBlobGas)");
        }
        if (version == 3 && (!cancun || prague)) {
          throw new JsonRpcException(UNSUPPORTED_FORK, "Unsupported fork: engine_newPayloadV3 is for Cancun blocks; timestamp " + t);
        }
        if (version == 4 && !prague) {
          throw new JsonRpcException(UNSUPPORTED_FORK, "Unsupported fork: engine_newPayloadV4 is for blocks from Prague on; timestamp " + t);
        }
      }
      default -> throw new IllegalArgumentException("no engine_newPayloadV" + version);
    }
  }

  private boolean active(Fork fork, long timestamp) {
    Long at = spec.forkActivations().get(fork);
    return at != null && timestamp >= at;
  }

  // ---- forkchoiceUpdated

  JsonNode forkchoiceUpdated(int version, Params p) {
    p.atMost(2);
    JsonNode state = p.object(0, "forkchoiceState");
    String what = p.describe(0, "forkchoiceState");
    Hash head = Params.hash(Params.member(state, "headBlockHash", what), what + ".headBlockHash");
    Hash safe = Params.hash(Params.member(state, "safeBlockHash", what), what + ".safeBlockHash");
    Hash finalized = Params.hash(Params.member(state, "finalizedBlockHash", what), what + ".finalizedBlockHash");
    JsonNode attributes = p.get(1);
    if (head.isZero()) {
      return result(PayloadStatus.invalid(null, "the head is the zero hash"));
    }
    HeaderStore store = writer.store();
    OptionalLong number = store.blockNumber(head);
    targets.syncTo(number.isPresent() ? SyncTarget.of(head, number.getAsLong()) : SyncTarget.of(head));
    if (!writer.makeCanonical(head)) {
      return result(PayloadStatus.SYNCING);
    }
    for (Hash h : List.of(safe, finalized)) {
      if (!h.isZero() && store.blockNumber(h).isPresent() && !store.isCanonical(h)) {
        throw new JsonRpcException(INVALID_FORKCHOICE_STATE, "Invalid forkchoice state: " + h
            + " is not on the chain of head " + head);
      }
    }
    forkchoice.update(safe, finalized);
    if (attributes != null && !attributes.isNull()) {
      checkAttributes(version, attributes, store.header(head).orElseThrow(), p.describe(1, "payloadAttributes"));
    }
    return result(PayloadStatus.valid(head));
  }

  private void checkAttributes(int version, JsonNode a, BlockHeader head, String what) {
    if (!a.isObject()) {
      throw JsonRpcException.invalidParams(what + ": expected an object or null");
    }
    long timestamp = Params.quantity(Params.member(a, "timestamp", what), what + ".timestamp");
    Params.hash(Params.member(a, "prevRandao", what), what + ".prevRandao");
    Params.data(Params.member(a, "suggestedFeeRecipient", what), what + ".suggestedFeeRecipient", 20);
    boolean withdrawals = a.hasNonNull("withdrawals");
    boolean beaconRoot = a.hasNonNull("parentBeaconBlockRoot");
    boolean shanghai = active(Fork.SHANGHAI, timestamp);
    boolean cancun = active(Fork.CANCUN, timestamp);
    if (version == 3 && !cancun) {
      throw new JsonRpcException(UNSUPPORTED_FORK, "Unsupported fork: engine_forkchoiceUpdatedV3 builds from Cancun on; timestamp " + timestamp);
    }
    boolean shapeOk = switch (version) {
      case 1 -> !withdrawals && !beaconRoot;
      case 2 -> withdrawals == shanghai && !beaconRoot;
      default -> withdrawals && beaconRoot;
    };
    if (!shapeOk) {
      throw JsonRpcException.invalidParams(what + ": wrong PayloadAttributes version for engine_forkchoiceUpdatedV" + version
          + " at timestamp " + timestamp);
    }
    if (timestamp <= head.timestamp()) {
      throw new JsonRpcException(INVALID_PAYLOAD_ATTRIBUTES, "Invalid payload attributes: timestamp " + timestamp
          + " is not after the head's " + head.timestamp());
    }
  }

  private static ObjectNode result(PayloadStatus status) {
    ObjectNode o = NODES.objectNode();
    o.set("payloadStatus", status.toJson());
    o.putNull("payloadId");
    return o;
  }

  /** The engine's header for the block {@code hash}, when stored (for tests and the wiring's logs). */
  public Optional<BlockHeader> storedHeader(Hash hash) {
    return writer.store().header(hash);
  }
}
