package io.headersync.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs the ethereum/tests RLP vectors: every valid case round-trips, every invalid one is rejected. */
class RlpConformanceTest {

  private static final HexFormat HEX = HexFormat.of();

  private static Path vectors() {
    Path dir = Path.of(System.getProperty("headersync.data", "../shared/data"), "vectors/ethereum-tests/RLPTests");
    assumeTrue(Files.isDirectory(dir), "shared test data not found at " + dir.toAbsolutePath() + " (set -Dheadersync.data)");
    return dir;
  }

  private static byte[] hex(String s) {
    return HEX.parseHex(s.startsWith("0x") ? s.substring(2) : s);
  }

  @TestFactory
  Stream<DynamicTest> validCasesEncodeAndDecode() throws IOException {
    JsonNode root = new ObjectMapper().readTree(vectors().resolve("rlptest.json").toFile());
    assertThat(root.size()).isGreaterThan(20);
    Stream.Builder<DynamicTest> tests = Stream.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode in = e.getValue().get("in");
      byte[] expected = hex(e.getValue().get("out").asText());
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
        RlpWriter writer = new RlpWriter();
        encode(writer, in);
        assertThat(HEX.formatHex(writer.toByteArray())).isEqualTo(HEX.formatHex(expected));
        RlpReader.validate(expected);
        RlpReader reader = RlpReader.wrap(expected);
        assertDecodesTo(reader, in);
        reader.requireEnd();
      }));
    }
    return tests.build();
  }

  @TestFactory
  Stream<DynamicTest> invalidCasesAreRejectedWithATypedError() throws IOException {
    JsonNode root = new ObjectMapper().readTree(vectors().resolve("invalidRLPTest.json").toFile());
    assertThat(root.size()).isGreaterThan(20);
    Stream.Builder<DynamicTest> tests = Stream.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byte[] input = hex(e.getValue().get("out").asText());
      tests.add(DynamicTest.dynamicTest(e.getKey(), () ->
          assertThatThrownBy(() -> RlpReader.validate(input))
              .isInstanceOf(RlpException.class)
              .satisfies(t -> assertThat(((RlpException) t).reason()).isNotNull())));
    }
    return tests.build();
  }

  private static void encode(RlpWriter w, JsonNode in) {
    if (in.isArray()) {
      w.startList();
      in.forEach(child -> encode(w, child));
      w.endList();
    } else if (in.isIntegralNumber()) {
      w.writeBigInteger(in.bigIntegerValue());
    } else if (in.asText().startsWith("#")) {
      w.writeBigInteger(new BigInteger(in.asText().substring(1)));
    } else {
      w.writeBytes(in.asText().getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static void assertDecodesTo(RlpReader r, JsonNode in) {
    if (in.isArray()) {
      RlpReader inner = r.readList();
      in.forEach(child -> assertDecodesTo(inner, child));
      inner.requireEnd();
    } else if (in.isIntegralNumber()) {
      assertThat(r.readUInt256()).isEqualTo(in.bigIntegerValue());
    } else if (in.asText().startsWith("#")) {
      assertThat(r.readBigInteger(64)).isEqualTo(new BigInteger(in.asText().substring(1)));
    } else {
      assertThat(r.readBytes()).isEqualTo(in.asText().getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
