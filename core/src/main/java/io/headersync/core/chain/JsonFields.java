package io.headersync.core.chain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;

/**
 * Reads typed values out of a JSON tree, turning every malformed or missing value into a
 * {@link ChainSpecException} that names the source and the field's dotted path.
 *
 * <p>Quantities are accepted the way geth's genesis files write them: a JSON integer, a
 * {@code 0x}-prefixed hex string, or a decimal string.
 */
final class JsonFields {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final String source;

  JsonFields(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** Parses a whole document, which must be a JSON object. */
  JsonNode parse(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ChainSpecException(source, "", "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ChainSpecException(source, "", "cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ChainSpecException(source, "", "expected a JSON object at the top level");
    }
    return root;
  }

  ChainSpecException error(String field, String detail) {
    return new ChainSpecException(source, field, detail);
  }

  /** True when the object has the field with a value other than JSON null. */
  static boolean has(JsonNode object, String name) {
    JsonNode v = object.get(name);
    return v != null && !v.isNull();
  }

  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  JsonNode object(JsonNode parent, String name, String parentPath, boolean required) {
    String path = path(parentPath, name);
    if (!has(parent, name)) {
      if (required) {
        throw error(path, "missing");
      }
      return null;
    }
    JsonNode v = parent.get(name);
    if (!v.isObject()) {
      throw error(path, "expected an object, found " + describe(v));
    }
    return v;
  }

  /** An unsigned integer of at most {@code maxBits} bits. */
  BigInteger quantity(JsonNode v, String path, int maxBits) {
    BigInteger value;
    if (v.isIntegralNumber()) {
      value = v.bigIntegerValue();
    } else if (v.isTextual()) {
      String s = v.textValue().strip();
      try {
        if (s.startsWith("0x") || s.startsWith("0X")) {
          if (s.length() == 2) {
            throw error(path, "empty hex quantity \"0x\"");
          }
          value = new BigInteger(s.substring(2), 16);
        } else {
          value = new BigInteger(s, 10);
        }
      } catch (NumberFormatException e) {
        throw error(path, "not a hex or decimal number: \"" + v.textValue() + "\"");
      }
    } else {
      throw error(path, "expected a number, found " + describe(v));
    }
    if (value.signum() < 0) {
      throw error(path, "negative value " + value);
    }
    if (value.bitLength() > maxBits) {
      throw error(path, "value " + value + " does not fit in " + maxBits + " bits");
    }
    return value;
  }

  /** A non-negative integer that fits a Java long. */
  long uint63(JsonNode parent, String name, String parentPath, long defaultValue) {
    if (!has(parent, name)) {
      return defaultValue;
    }
    return quantity(parent.get(name), path(parentPath, name), 63).longValueExact();
  }

  /** An optional non-negative integer that fits a Java long; null when absent. */
  Long optionalUint63(JsonNode parent, String name, String parentPath) {
    return has(parent, name) ? quantity(parent.get(name), path(parentPath, name), 63).longValueExact() : null;
  }

  /** A full 64-bit unsigned integer, returned as the bits of a long. */
  long uint64Bits(JsonNode parent, String name, String parentPath, long defaultValue) {
    if (!has(parent, name)) {
      return defaultValue;
    }
    return quantity(parent.get(name), path(parentPath, name), 64).longValue();
  }

  BigInteger uint256(JsonNode parent, String name, String parentPath, BigInteger defaultValue) {
    if (!has(parent, name)) {
      return defaultValue;
    }
    return quantity(parent.get(name), path(parentPath, name), 256);
  }

  /** Hex bytes with the {@code 0x} prefix optional. */
  byte[] bytes(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw error(path, "expected a hex string, found " + describe(v));
    }
    try {
      return Hex.decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw error(path, e.getMessage());
    }
  }

  byte[] bytes(JsonNode parent, String name, String parentPath, byte[] defaultValue) {
    return has(parent, name) ? bytes(parent.get(name), path(parentPath, name)) : defaultValue;
  }

  /** Exactly {@code size} bytes, or up to {@code size} bytes left-padded with zeros when {@code pad}. */
  byte[] fixed(JsonNode v, String path, int size, boolean pad) {
    byte[] b = bytes(v, path);
    if (b.length == size) {
      return b;
    }
    if (pad && b.length < size) {
      byte[] out = new byte[size];
      System.arraycopy(b, 0, out, size - b.length, b.length);
      return out;
    }
    throw error(path, "expected " + size + " bytes, found " + b.length);
  }

  Hash hash(JsonNode parent, String name, String parentPath, Hash defaultValue) {
    return has(parent, name) ? Hash.wrap(fixed(parent.get(name), path(parentPath, name), Hash.SIZE, false)) : defaultValue;
  }

  Address address(JsonNode parent, String name, String parentPath, Address defaultValue) {
    return has(parent, name) ? Address.of(fixed(parent.get(name), path(parentPath, name), Address.SIZE, false)) : defaultValue;
  }

  Address address(String text, String path) {
    try {
      byte[] b = Hex.decode(text);
      if (b.length != Address.SIZE) {
        throw error(path, "an address is 20 bytes, found " + b.length);
      }
      return Address.of(b);
    } catch (IllegalArgumentException e) {
      throw error(path, "not an address: " + e.getMessage());
    }
  }

  String text(JsonNode parent, String name, String parentPath) {
    String path = path(parentPath, name);
    if (!has(parent, name)) {
      throw error(path, "missing");
    }
    JsonNode v = parent.get(name);
    if (!v.isTextual()) {
      throw error(path, "expected a string, found " + describe(v));
    }
    return v.textValue();
  }

  static String describe(JsonNode v) {
    String text = v.toString();
    return v.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
  }
}
