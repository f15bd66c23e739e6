package io.headersync.core.portal;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the portal test files: flat YAML of {@code key: "0x…"} lines, and history content keys. */
final class PortalTestFiles {

  private PortalTestFiles() {}

  /** The {@code key: hex} lines of a flat YAML file, decoded; comments and other lines are ignored. */
  static Map<String, byte[]> hexFields(Path yaml) throws IOException {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(yaml, StandardCharsets.US_ASCII)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.startsWith(" ") || !line.contains(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String value = line.substring(colon + 1).strip();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
          value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("0x")) {
          fields.put(line.substring(0, colon).strip(), Hex.decode(value));
        }
      }
    }
    return fields;
  }

  /** The block hash of a "block header by hash" content key: selector 0x00, then the hash. */
  static Hash headerByHashKey(byte[] key) {
    if (key.length != 33 || key[0] != 0x00) {
      throw new AssertionError("not a block-header-by-hash content key: " + Hex.encode(key));
    }
    return Hash.of(key, 1);
  }

  /** The number in a file name such as {@code 15537394.yaml} or {@code block-data-15537394.yaml}. */
  static long numberInName(Path file) {
    String name = file.getFileName().toString();
    String digits = name.replaceAll("^\\D*(\\d+)\\..*$", "$1");
    return Long.parseLong(digits);
  }
}
