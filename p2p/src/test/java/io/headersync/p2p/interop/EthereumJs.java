package io.headersync.p2p.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The ethereumjs side of the interop tests: finds Node.js and npm, installs the pinned
 * {@code @ethereumjs/devp2p} (from {@code src/test/js/package-lock.json}) into the module's build
 * folder, and starts the scripts there as child processes.
 *
 * <p>Installing runs {@code npm ci} once per lock file: a marker in the install folder holds the
 * SHA-256 of {@code package.json} and {@code package-lock.json}, and a matching marker skips the
 * install. The scripts themselves are copied on every run, so an edited script is always the one
 * used.
 *
 * <p>Missing Node.js or npm fails the tests with a message saying what to install: these tests are
 * meant to run in CI, not to vanish. {@code -Dheadersync.interop=skip} skips them on purpose.
 *
 * <p>System properties (set by the module's surefire configuration): {@code headersync.interop.js}
 * (the scripts' source folder), {@code headersync.interop.dir} (the install folder, under the
 * build directory so parallel builds with different output folders do not collide),
 * {@code headersync.interop} ({@code skip} to skip), {@code headersync.node} and
 * {@code headersync.npm} (the executables, default from {@code PATH}).
 */
public final class EthereumJs {

  /** Oldest Node.js the pinned ethereumjs release and the scripts are known to work on. */
  static final int MIN_NODE_MAJOR = 20;

  /** A clean {@code npm ci} of the pinned packages takes a few seconds; this allows a slow registry. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private static final String MARKER = ".installed-lock-sha256";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EthereumJs instance;

  private final String node;
  private final Path workDir;

  private EthereumJs(String node, Path workDir) {
    this.node = node;
    this.workDir = workDir;
  }

  /**
   * The installed harness, installing it on first use in this JVM. Aborts the calling test when
   * interop tests are switched off; fails it when Node.js or npm is missing or the install fails.
   */
  public static synchronized EthereumJs get() {
    Assumptions.assumeFalse(
        "skip".equalsIgnoreCase(System.getProperty("headersync.interop", "")),
        "interop tests skipped (-Dheadersync.interop=skip)");
    if (instance == null) {
      instance = install();
    }
    return instance;
  }

  /** An empty configuration object for {@link #start}. */
  public static ObjectNode config() {
    return JSON.createObjectNode();
  }

  static ObjectMapper json() {
    return JSON;
  }

  /**
   * Starts {@code script} (such as {@code serve-chain.mjs}) with {@code config} as its one line of
   * stdin. The process ends at the latest after {@code lifetime} on its own; close the returned
   * run to end it sooner (always do, in try-with-resources).
   */
  public ScriptRun start(String script, ObjectNode config, Duration lifetime) {
    ObjectNode withLifetime = config.deepCopy().put("lifetimeMs", lifetime.toMillis());
    return ScriptRun.start(script, List.of(node, workDir.resolve(script).toString()), workDir, withLifetime);
  }

  /** Runs the scripts' own self-test (ethereumjs against ethereumjs); returns its exit code and output. */
  public ProcessOutput runSelfTest(Duration timeout) {
    return runToEnd(List.of(node, "self-test.mjs"), workDir, timeout);
  }

  public Path workDir() {
    return workDir;
  }

  private static EthereumJs install() {
    Path sources = Path.of(System.getProperty("headersync.interop.js", "src/test/js")).toAbsolutePath();
    Path workDir = Path.of(System.getProperty("headersync.interop.dir", "target/ethereumjs")).toAbsolutePath();
    String node = System.getProperty("headersync.node", "node");
    String npm = System.getProperty("headersync.npm", "npm");
    if (!Files.isRegularFile(sources.resolve("package-lock.json"))) {
      fail("interop scripts not found: no package-lock.json in " + sources + " (set -Dheadersync.interop.js)");
    }
    checkNode(node);
    try {
      Files.createDirectories(workDir);
      try (FileChannel lockFile = FileChannel.open(workDir.resolve(".install.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lockFile.lock()) {
        copyScripts(sources, workDir);
        String lockHash = lockHash(sources);
        Path marker = workDir.resolve(MARKER);
        boolean current = Files.isDirectory(workDir.resolve("node_modules"))
            && Files.isRegularFile(marker)
            && Files.readString(marker, StandardCharsets.US_ASCII).strip().equals(lockHash);
        if (!current) {
          Files.deleteIfExists(marker);
          ProcessOutput ci = runToEnd(List.of(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"), workDir,
              INSTALL_TIMEOUT);
          if (ci.exitCode() != 0) {
            fail("npm ci in " + workDir + " failed (exit " + ci.exitCode() + "); the interop tests need the npm"
                + " registry or a filled npm cache:\n" + ci.output());
          }
          Files.writeString(marker, lockHash + "\n", StandardCharsets.US_ASCII);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("preparing the ethereumjs interop scripts in " + workDir, e);
    }
    return new EthereumJs(node, workDir);
  }

  private static void checkNode(String node) {
    ProcessOutput version;
    try {
      version = runToEnd(List.of(node, "--version"), Path.of("."), Duration.ofSeconds(30));
    } catch (UncheckedIOException e) {
      fail("the interop tests need Node.js " + MIN_NODE_MAJOR + "+ and npm on the PATH (or -Dheadersync.node and"
          + " -Dheadersync.npm); '" + node + "' could not be run: " + e.getCause().getMessage()
          + ". To skip them on purpose: -Dheadersync.interop=skip");
      return;
    }
    String text = version.output().strip();
    int major;
    try {
      major = Integer.parseInt(text.replaceFirst("^v", "").split("\\.")[0]);
    } catch (NumberFormatException e) {
      fail("'" + node + " --version' printed '" + text + "', expected something like v20.11.0");
      return;
    }
    if (major < MIN_NODE_MAJOR) {
      fail("the interop tests need Node.js " + MIN_NODE_MAJOR + " or newer; '" + node + "' is " + text);
    }
  }

  /** Copies package files and scripts (never node_modules) into the install folder. */
  private static void copyScripts(Path sources, Path workDir) throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = sources.relativize(file);
        if (relative.startsWith("node_modules")) {
          continue;
        }
        Path target = workDir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static String lockHash(Path sources) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(sources.resolve("package.json")));
      sha.update(Files.readAllBytes(sources.resolve("package-lock.json")));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Exit code and combined stdout/stderr of a finished command. */
  public record ProcessOutput(int exitCode, String output) {}

  /**
   * Runs a command to its end (killing it, and failing, after {@code timeout}).
   *
   * @throws UncheckedIOException when the command cannot be started at all
   */
  static ProcessOutput runToEnd(List<String> command, Path dir, Duration timeout) {
    Process process;
    Path log;
    try {
      log = Files.createTempFile("headersync-interop-", ".log");
      process = new ProcessBuilder(new ArrayList<>(command))
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ScriptRun.killTree(process);
        fail(String.join(" ", command) + " did not finish in " + timeout + ":\n" + readQuietly(log));
      }
      return new ProcessOutput(process.exitValue(), readQuietly(log));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ScriptRun.killTree(process);
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ScriptRun.killTree(process);
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // A temporary file left behind is harmless.
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
