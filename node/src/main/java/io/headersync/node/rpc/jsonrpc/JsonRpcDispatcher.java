package io.headersync.node.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one JSON-RPC request body (a single request or a batch) into one response body, calling
 * methods from a {@link MethodRegistry}. Transport-independent and thread-safe.
 *
 * <p>What it enforces: JSON-RPC 2.0's request shape ({@code jsonrpc: "2.0"}, a string method, an
 * id that is a string, number or null, params an array or absent), a batch size limit, a response
 * size limit (calls past it in a batch answer {@link JsonRpcException#LIMIT_EXCEEDED}), and a call
 * budget (the rate limit), charged once per call before any runs. Notifications (no id) run and
 * answer nothing.
 */
public final class JsonRpcDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** How a dispatch ended, for a transport that maps it to a status (HTTP 429 for {@link #RATE_LIMITED}). */
  public enum Outcome { ANSWERED, NOTHING_TO_ANSWER, RATE_LIMITED }

  /**
   * @param outcome how the dispatch ended
   * @param body the response JSON, empty when {@link Outcome#NOTHING_TO_ANSWER}
   */
  public record Result(Outcome outcome, byte[] body) {}

  /** Asked for permission to run {@code calls} calls; false refuses the whole request. */
  @FunctionalInterface
  public interface CallBudget {
    CallBudget UNLIMITED = calls -> true;

    boolean tryAcquire(int calls);
  }

  private final MethodRegistry methods;
  private final int maxBatchItems;
  private final long maxResponseBytes;
  private final ObjectMapper mapper;

  /**
   * @param maxBatchItems the most requests one batch may hold
   * @param maxResponseBytes the most bytes of responses one batch may produce
   */
  public JsonRpcDispatcher(MethodRegistry methods, int maxBatchItems, long maxResponseBytes) {
    this.methods = Objects.requireNonNull(methods, "methods");
    if (maxBatchItems < 1 || maxResponseBytes < 1) {
      throw new IllegalArgumentException("limits must be positive: batch " + maxBatchItems + ", response " + maxResponseBytes);
    }
    this.maxBatchItems = maxBatchItems;
    this.maxResponseBytes = maxResponseBytes;
    this.mapper = new ObjectMapper();
    // Depth is bounded so that a deeply nested body cannot exhaust the stack while parsing.
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  public MethodRegistry methods() {
    return methods;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Handles one request body. */
  public Result dispatch(byte[] body, CallContext context, CallBudget budget) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return answer(error(NullNode.getInstance(), JsonRpcException.PARSE_ERROR,
          "parse error: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return answer(error(NullNode.getInstance(), JsonRpcException.PARSE_ERROR, "parse error: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return answer(error(NullNode.getInstance(), JsonRpcException.INVALID_REQUEST, "empty request body"));
    }
    if (!root.isArray()) {
      if (!budget.tryAcquire(1)) {
        return rateLimited(idOf(root));
      }
      ObjectNode response = call(root, context);
      return response == null ? new Result(Outcome.NOTHING_TO_ANSWER, new byte[0]) : answer(response);
    }
    int n = root.size();
    if (n == 0) {
      return answer(error(NullNode.getInstance(), JsonRpcException.INVALID_REQUEST, "empty batch"));
    }
    if (n > maxBatchItems) {
      return answer(error(NullNode.getInstance(), JsonRpcException.LIMIT_EXCEEDED,
          "batch of " + n + " requests exceeds the limit of " + maxBatchItems));
    }
    if (!budget.tryAcquire(n)) {
      return rateLimited(NullNode.getInstance());
    }
    // Each response is written once; the batch array is assembled from the written bytes.
    List<byte[]> responses = new ArrayList<>(n);
    long bytes = 0;
    for (JsonNode request : root) {
      ObjectNode response;
      if (bytes > maxResponseBytes) {
        response = isNotification(request) ? null : error(idOf(request), JsonRpcException.LIMIT_EXCEEDED,
            "batch response exceeds " + maxResponseBytes + " bytes");
      } else {
        response = call(request, context);
      }
      if (response != null) {
        byte[] written = write(response);
        bytes += written.length;
        responses.add(written);
      }
    }
    if (responses.isEmpty()) {
      return new Result(Outcome.NOTHING_TO_ANSWER, new byte[0]);
    }
    byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 8, bytes + responses.size() + 1)];
    int at = 0;
    out[at++] = '[';
    for (int i = 0; i < responses.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] r = responses.get(i);
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    out[at] = ']';
    return new Result(Outcome.ANSWERED, out);
  }

  /** Runs one request object; null when it is a notification. */
  ObjectNode call(JsonNode request, CallContext context) {
    if (!request.isObject()) {
      return error(NullNode.getInstance(), JsonRpcException.INVALID_REQUEST,
          "a request is a JSON object, found " + Params.kind(request));
    }
    JsonNode id = request.get("id");
    boolean notification = id == null;
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return error(NullNode.getInstance(), JsonRpcException.INVALID_REQUEST,
          "id must be a string, a number or null, found " + Params.kind(id));
    }
    JsonNode responseId = notification ? NullNode.getInstance() : id;
    JsonNode version = request.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
      return error(responseId, JsonRpcException.INVALID_REQUEST, "jsonrpc must be \"2.0\", found " + Params.kind(version));
    }
    JsonNode method = request.get("method");
    if (method == null || !method.isTextual()) {
      return error(responseId, JsonRpcException.INVALID_REQUEST, "method must be a string, found " + Params.kind(method));
    }
    String name = method.asText();
    JsonNode result;
    try {
      RpcMethod m = methods.find(name).orElseThrow(() -> JsonRpcException.methodNotFound(name));
      result = m.call(Params.of(name, request.get("params")), context);
    } catch (JsonRpcException e) {
      return notification ? null : error(responseId, e.code(), e.getMessage(), e.data());
    } catch (RuntimeException e) {
      LOG.warn("{} from {} failed", name, context.remoteAddress(), e);
      return notification ? null : error(responseId, JsonRpcException.INTERNAL_ERROR,
          "internal error in " + name + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (notification) {
      return null;
    }
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", responseId);
    response.set("result", result == null ? NullNode.getInstance() : result);
    return response;
  }

  /** A response object carrying an error. */
  public static ObjectNode error(JsonNode id, int code, String message) {
    return error(id, code, message, null);
  }

  public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id == null ? NullNode.getInstance() : id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    return response;
  }

  /** Serializes a response (or a notification) to bytes. */
  public byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  private Result answer(ObjectNode response) {
    return new Result(Outcome.ANSWERED, write(response));
  }

  private Result rateLimited(JsonNode id) {
    return new Result(Outcome.RATE_LIMITED, write(error(id, JsonRpcException.LIMIT_EXCEEDED, "request rate limit exceeded")));
  }

  private static boolean isNotification(JsonNode request) {
    return request.isObject() && request.get("id") == null;
  }

  private static JsonNode idOf(JsonNode request) {
    JsonNode id = request.isObject() ? request.get("id") : null;
    return id != null && (id.isTextual() || id.isNumber()) ? id : NullNode.getInstance();
  }
}
