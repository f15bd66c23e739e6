package io.headersync.node.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Progress lines through the real logback configurations, text and JSON, captured from standard error. */
class LogFormatTest {

  private final PrintStream realErr = System.err;

  @AfterEach
  void restore() {
    System.setErr(realErr);
    LogFormat.TEXT.apply();
  }

  @Test
  void progressLinesPassTheDefaultWarnLevelAsText() {
    LogFormat.TEXT.apply();
    List<String> lines = capture(() -> ProgressOutput.logLines().show(snapshot(), false));
    assertThat(lines).singleElement().asString().contains("INFO").contains("headersync.progress")
        .endsWith("import: 5 headers, 2 headers/s");
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheFormattedMessage() throws Exception {
    LogFormat.JSON.apply();
    assertThat(LogFormat.active()).isEqualTo(LogFormat.JSON);
    List<String> lines = capture(() -> {
      ProgressOutput.logLines().show(snapshot(), false);
      LoggerFactory.getLogger("io.headersync.node.Something").warn("peer {} sent {}", "a", 3);
    });
    assertThat(lines).hasSize(2);
    JsonNode progress = new ObjectMapper().readTree(lines.get(0));
    assertThat(progress.get("level").asText()).isEqualTo("INFO");
    assertThat(progress.get("loggerName").asText()).isEqualTo("headersync.progress");
    assertThat(progress.get("formattedMessage").asText()).isEqualTo("import: 5 headers, 2 headers/s");
    JsonNode warning = new ObjectMapper().readTree(lines.get(1));
    assertThat(warning.get("formattedMessage").asText()).isEqualTo("peer a sent 3");
  }

  @Test
  void optionParsesEitherCaseAndNamesTheChoicesOtherwise() {
    LogOptions.FormatConverter c = new LogOptions.FormatConverter();
    assertThat(c.convert("JSON")).isEqualTo(LogFormat.JSON);
    assertThat(c.convert("text")).isEqualTo(LogFormat.TEXT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.convert("xml")).hasMessage("expected text or json, got 'xml'");
  }

  private static ProgressSnapshot snapshot() {
    return new ProgressSnapshot("import", 5, java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), 2,
        java.time.Duration.ofSeconds(2));
  }

  private List<String> capture(Runnable r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(realErr);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
