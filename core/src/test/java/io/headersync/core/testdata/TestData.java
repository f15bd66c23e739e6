package io.headersync.core.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Where the shared real-chain data and public vectors live, for tests and benchmarks.
 *
 * <p>The folder comes from the {@code headersync.data} system property (the build sets it to
 * {@code ../shared/data} beside the project); a test that needs a file calls {@link #require}
 * and is skipped, with the path it looked for, when the file is absent.
 */
public final class TestData {

  private TestData() {}

  /** The data folder (it may not exist). */
  public static Path root() {
    return Path.of(System.getProperty("headersync.data", "../shared/data")).toAbsolutePath().normalize();
  }

  /** The file or folder at {@code relative}, or skips the calling test when it is absent. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.exists(p), "shared test data not found: " + p + " (set -Dheadersync.data=DIR)");
    return p;
  }

  /** One line of the decoded {@code *-headers-*.txt.gz} files. */
  public record HeaderLine(long number, Hash hash, BigInteger totalDifficulty, byte[] rlp) {}

  /** Reads a {@code <number> 0x<hash> <td> 0x<rlp>} file. */
  public static List<HeaderLine> headerLines(String relative) {
    Path p = require(relative);
    List<HeaderLine> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        out.add(new HeaderLine(Long.parseLong(f[0]), Hash.fromHex(f[1]), new BigInteger(f[2]), Hex.decode(f[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
