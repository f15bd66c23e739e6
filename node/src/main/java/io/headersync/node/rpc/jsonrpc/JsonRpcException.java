package io.headersync.node.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error a method answers with: its code, a message for the caller and optional data.
 * Thrown by methods and parameter readers; the dispatcher turns it into the response's
 * {@code error} member.
 */
public final class JsonRpcException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;
  /** The JSON is not a valid request object. */
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** Generic server-side failure (execution-apis "Server error"). */
  public static final int SERVER_ERROR = -32000;
  /** EIP-1474: the request exceeds a limit (rate, batch size). */
  public static final int LIMIT_EXCEEDED = -32005;

  private final int code;
  private final transient JsonNode data;

  public JsonRpcException(int code, String message) {
    this(code, message, null);
  }

  public JsonRpcException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  public static JsonRpcException invalidParams(String message) {
    return new JsonRpcException(INVALID_PARAMS, message);
  }

  public static JsonRpcException methodNotFound(String method) {
    return new JsonRpcException(METHOD_NOT_FOUND, "the method " + method + " does not exist/is not available");
  }

  public static JsonRpcException invalidRequest(String message) {
    return new JsonRpcException(INVALID_REQUEST, message);
  }

  public int code() {
    return code;
  }

  /** Extra data for the caller, or {@code null}. */
  public JsonNode data() {
    return data;
  }
}
