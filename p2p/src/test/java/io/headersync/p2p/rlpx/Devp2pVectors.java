package io.headersync.p2p.rlpx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;

/** The public devp2p vectors (EIP-8 and geth's RLPx tests), read from the shared data folder. */
final class Devp2pVectors {

  private final JsonNode eip8;
  private final JsonNode extra;

  private Devp2pVectors(JsonNode eip8, JsonNode extra) {
    this.eip8 = eip8;
    this.extra = extra;
  }

  /** Loads both files, skipping the calling test when they are absent. */
  static Devp2pVectors load() {
    Path eip8 = TestData.require("vectors/devp2p/eip8-vectors.json");
    Path extra = TestData.require("vectors/devp2p/geth-rlpx-extra-vectors.json");
    try {
      ObjectMapper mapper = new ObjectMapper();
      return new Devp2pVectors(mapper.readTree(eip8.toFile()), mapper.readTree(extra.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hex of the EIP-8 vector whose name starts with {@code prefix}. */
  byte[] hex(String prefix) {
    return Hex.decode(vector(prefix).get("hex").asText());
  }

  /** A named value inside the EIP-8 vector whose name starts with {@code prefix}. */
  byte[] value(String prefix, String key) {
    JsonNode v = vector(prefix).get("values").get(key);
    if (v == null) {
      throw new IllegalStateException("vector " + prefix + " has no value " + key);
    }
    return Hex.decode(v.asText());
  }

  BigInteger key(String name) {
    return new BigInteger(1, value("RLPx handshake keys", name));
  }

  byte[] nonce(String name) {
    return value("RLPx handshake keys", name);
  }

  JsonNode extra() {
    return extra;
  }

  private JsonNode vector(String prefix) {
    for (JsonNode v : eip8.get("vectors")) {
      if (v.get("name").asText().startsWith(prefix)) {
        return v;
      }
    }
    throw new IllegalStateException("no EIP-8 vector named " + prefix + "...");
  }
}
