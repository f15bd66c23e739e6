package io.headersync.node.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A call's positional parameters with typed readers. Every reader throws
 * {@link JsonRpcException#INVALID_PARAMS} naming the method, the parameter's position and name,
 * what was expected and what was found. A missing trailing parameter reads as JSON {@code null}.
 */
public final class Params {

  private static final Pattern QUANTITY = Pattern.compile("0x(0|[1-9a-fA-F][0-9a-fA-F]*)");
  private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private final String method;
  private final ArrayNode values;

  private Params(String method, ArrayNode values) {
    this.method = method;
    this.values = values;
  }

  /**
   * Wraps the request's {@code params} member: absent or {@code null} means none, an array is taken
   * as is; by-name (object) parameters are refused, as no method here takes them.
   */
  public static Params of(String method, JsonNode params) {
    Objects.requireNonNull(method, "method");
    if (params == null || params.isNull() || params.isMissingNode()) {
      return new Params(method, JsonNodeFactory.instance.arrayNode());
    }
    if (!params.isArray()) {
      throw JsonRpcException.invalidParams(method + ": params must be an array (positional), found " + params.getNodeType());
    }
    return new Params(method, (ArrayNode) params);
  }

  public String method() {
    return method;
  }

  public int size() {
    return values.size();
  }

  /** Fails unless at most {@code max} parameters were given. */
  public Params atMost(int max) {
    if (values.size() > max) {
      throw JsonRpcException.invalidParams(method + ": takes at most " + max + " parameters, got " + values.size());
    }
    return this;
  }

  /** The raw parameter, JSON {@code null} when absent. */
  public JsonNode get(int index) {
    JsonNode v = values.get(index);
    return v == null ? JsonNodeFactory.instance.nullNode() : v;
  }

  public boolean isAbsent(int index) {
    return get(index).isNull();
  }

  /** A present, non-null parameter. */
  public JsonNode require(int index, String name) {
    JsonNode v = get(index);
    if (v.isNull()) {
      throw missing(index, name);
    }
    return v;
  }

  public String string(int index, String name) {
    JsonNode v = require(index, name);
    if (!v.isTextual()) {
      throw wrong(index, name, "a string", v);
    }
    return v.asText();
  }

  public boolean bool(int index, String name, boolean otherwise) {
    JsonNode v = get(index);
    if (v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw wrong(index, name, "true or false", v);
    }
    return v.booleanValue();
  }

  public Hash hash(int index, String name) {
    return hash(require(index, name), describe(index, name));
  }

  public ArrayNode array(int index, String name) {
    JsonNode v = require(index, name);
    if (!v.isArray()) {
      throw wrong(index, name, "an array", v);
    }
    return (ArrayNode) v;
  }

  public JsonNode object(int index, String name) {
    JsonNode v = require(index, name);
    if (!v.isObject()) {
      throw wrong(index, name, "an object", v);
    }
    return v;
  }

  /** Describes a parameter for messages: {@code "eth_getBlockByHash param 0 (blockHash)"}. */
  public String describe(int index, String name) {
    return method + " param " + index + " (" + name + ")";
  }

  // Readers of nested values, shared with methods that take objects.

  /** A 32-byte {@code DATA} value. */
  public static Hash hash(JsonNode v, String what) {
    byte[] bytes = data(v, what);
    if (bytes.length != Hash.SIZE) {
      throw JsonRpcException.invalidParams(what + ": expected 32 bytes of hex, found " + bytes.length + " bytes");
    }
    return Hash.wrap(bytes);
  }

  /** A {@code DATA} value: {@code 0x} and an even number of hex digits. */
  public static byte[] data(JsonNode v, String what) {
    if (v == null || !v.isTextual()) {
      throw JsonRpcException.invalidParams(what + ": expected hex data (0x…), found " + kind(v));
    }
    String s = v.asText();
    if (!DATA.matcher(s).matches()) {
      throw JsonRpcException.invalidParams(what + ": expected 0x and an even number of hex digits, found \"" + abbreviate(s) + "\"");
    }
    return io.headersync.core.bytes.Hex.decode(s);
  }

  /** A {@code DATA} value of exactly {@code size} bytes. */
  public static byte[] data(JsonNode v, String what, int size) {
    byte[] b = data(v, what);
    if (b.length != size) {
      throw JsonRpcException.invalidParams(what + ": expected " + size + " bytes, found " + b.length);
    }
    return b;
  }

  /** A {@code QUANTITY} that fits 64 unsigned bits and is at most {@link Long#MAX_VALUE}. */
  public static long quantity(JsonNode v, String what) {
    BigInteger q = bigQuantity(v, what, 63);
    return q.longValueExact();
  }

  /** A {@code QUANTITY} of at most {@code maxBits} bits. */
  public static BigInteger bigQuantity(JsonNode v, String what, int maxBits) {
    if (v == null || !v.isTextual()) {
      throw JsonRpcException.invalidParams(what + ": expected a hex quantity (0x…), found " + kind(v));
    }
    String s = v.asText();
    if (!QUANTITY.matcher(s).matches()) {
      throw JsonRpcException.invalidParams(what + ": expected 0x and hex digits without leading zeros, found \"" + abbreviate(s) + "\"");
    }
    if (s.length() - 2 > (maxBits + 3) / 4) {
      throw JsonRpcException.invalidParams(what + ": more than " + maxBits + " bits: " + abbreviate(s));
    }
    BigInteger q = new BigInteger(s.substring(2), 16);
    if (q.bitLength() > maxBits) {
      throw JsonRpcException.invalidParams(what + ": more than " + maxBits + " bits: " + abbreviate(s));
    }
    return q;
  }

  /** A named member of an object parameter, required. */
  public static JsonNode member(JsonNode object, String field, String what) {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      throw JsonRpcException.invalidParams(what + ": missing field " + field);
    }
    return v;
  }

  private JsonRpcException missing(int index, String name) {
    return JsonRpcException.invalidParams(describe(index, name) + " is missing");
  }

  private JsonRpcException wrong(int index, String name, String expected, JsonNode found) {
    return JsonRpcException.invalidParams(describe(index, name) + ": expected " + expected + ", found " + kind(found));
  }

  static String kind(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return "\"" + abbreviate(v.asText()) + "\"";
    }
    if (v.isContainerNode()) {
      return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
    return abbreviate(v.toString());
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "…";
  }
}
