package io.headersync.node.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.node.json.HeaderJson;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every export field against {@link HeaderJson} (what {@code headersync header} prints) over
 * Cancun- and Prague-shaped headers, whose forks carry every optional field; the era1 test in
 * {@code cli.ExportCommandTest} covers proof-of-work headers.
 */
class ExportFieldTest {

  @Test
  void everyFieldMatchesTheHeaderCommandsJsonOnEveryShape() {
    for (PostMergeRecipe.Shape shape : PostMergeRecipe.Shape.values()) {
      LazyHeaderChain chain = ChainBuilder.postMerge(shape).seed(3).firstNumber(1_000).length(20).build();
      for (long n = 1_000; n <= chain.headNumber(); n += 7) {
        BlockHeader h = chain.header(n);
        BigInteger td = chain.totalDifficulty(n);
        ObjectNode json = HeaderJson.of(h, td);
        for (ExportField f : ExportField.values()) {
          JsonNode expected = json.get(f.fieldName());
          String actual = f.value(h, td, false);
          assertThat(actual).as("%s %s block %d", shape, f.fieldName(), n)
              .isEqualTo(expected == null ? null : expected.asText());
        }
        json.fieldNames().forEachRemaining(name -> assertThat(ExportField.byName(name).fieldName())
            .as("every field of the header JSON is in the export's catalogue").isEqualTo(name));
      }
    }
  }

  @Test
  void decimalQuantitiesAreTheHexOnesInBaseTen() {
    BlockHeader h = ChainBuilder.postMerge(PostMergeRecipe.Shape.PRAGUE).seed(5).firstNumber(77).length(2).build().header(78);
    for (ExportField f : ExportField.values()) {
      String hex = f.value(h, BigInteger.TEN.pow(22), false);
      String dec = f.value(h, BigInteger.TEN.pow(22), true);
      if (f.isQuantity() && hex != null) {
        assertThat(new BigInteger(dec)).as(f.fieldName()).isEqualTo(new BigInteger(hex.substring(2), 16));
      } else {
        assertThat(dec).as(f.fieldName()).isEqualTo(hex);
      }
    }
    assertThat(ExportField.NUMBER.value(h, null, true)).isEqualTo("78");
  }

  @Test
  void unknownFieldNamesEveryKnownOne() {
    assertThatThrownBy(() -> ExportField.byName("gas_limit")).hasMessageContaining("unknown field 'gas_limit'")
        .hasMessageContaining("gasLimit").hasMessageContaining("requestsHash");
  }

  @Test
  void csvAndJsonLinesRowsWithMissingValues() throws Exception {
    LazyHeaderChain chain = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(9).firstNumber(500).length(5).build();
    HeaderStore store = InMemoryHeaderStore.create(chain.hash(500));
    WriteBatch batch = new WriteBatch();
    for (long n = 500; n <= chain.headNumber(); n++) {
      batch.putCanonicalHeader(chain.header(n), chain.totalDifficulty(n));
    }
    store.commit(batch);
    List<ExportField> fields = List.of(ExportField.NUMBER, ExportField.HASH, ExportField.REQUESTS_HASH);

    StringWriter csv = new StringWriter();
    HeaderExporter.Result r = new HeaderExporter(store, fields, ExportFormat.CSV, true)
        .export(501, 503, csv, ProgressReporter.silent("export"), () -> false);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(csv.toString().lines().toList()).containsExactly("number,hash,requestsHash",
        "501," + chain.hash(501).toHex() + ",", "502," + chain.hash(502).toHex() + ",", "503," + chain.hash(503).toHex() + ",");

    StringWriter jsonl = new StringWriter();
    new HeaderExporter(store, fields, ExportFormat.JSONL, false).export(504, 504, jsonl, ProgressReporter.silent("export"),
        () -> false);
    JsonNode row = new ObjectMapper().readTree(jsonl.toString());
    assertThat(row.get("number").asText()).isEqualTo("0x1f8");
    assertThat(row.get("hash").asText()).isEqualTo(chain.hash(504).toHex());
    assertThat(row.get("requestsHash").isNull()).as("a Cancun header has no requests hash").isTrue();
    assertThat(Arrays.asList(jsonl.toString().split("\n"))).hasSize(1);
  }

  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertThat(ExportFormat.cell("0xab")).isEqualTo("0xab");
    assertThat(ExportFormat.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(ExportFormat.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ExportFormat.jsonString("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
  }

  @Test
  void aRangeBeyondTheChainFailsNamingWhereItEnds() {
    LazyHeaderChain chain = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(9).firstNumber(500).length(3).build();
    HeaderStore store = InMemoryHeaderStore.create(chain.hash(500));
    store.commit(new WriteBatch().putCanonicalHeader(chain.header(500), chain.totalDifficulty(500))
        .putCanonicalHeader(chain.header(501), chain.totalDifficulty(501)));
    assertThatThrownBy(() -> new HeaderExporter(store, List.of(ExportField.NUMBER), ExportFormat.CSV, false)
        .export(500, 505, new StringWriter(), ProgressReporter.silent("export"), () -> false))
        .isInstanceOf(ExportException.class).hasMessageContaining("ends at block 501").hasMessageContaining("505");
  }
}
