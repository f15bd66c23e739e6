package io.headersync.p2p.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One running interop script: its JSON-line events as they arrive, its stderr, and a guarantee
 * that it is killed (with anything it started) when closed, or when the JVM exits.
 *
 * <p>Every wait has a time-out, and a failed wait reports the script's events and stderr so far:
 * an interop failure must say what the other side saw.
 */
public final class ScriptRun implements AutoCloseable {

  /** Most stderr kept for a failure message; the end is what matters, so older text is dropped. */
  private static final int STDERR_KEPT = 16 * 1024;

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ScriptRun::killTree), "interop-script-reaper"));
  }

  private final String name;
  private final Process process;
  private final OutputStream stdin;
  private final List<JsonNode> events = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private boolean stdoutClosed;

  private ScriptRun(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  static ScriptRun start(String name, List<String> command, Path dir, ObjectNode config) {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + command, e);
    }
    LIVE.add(process);
    ScriptRun run = new ScriptRun(name, process);
    Thread.ofVirtual().name(name + "-stdout").start(run::readEvents);
    Thread.ofVirtual().name(name + "-stderr").start(run::readStderr);
    try {
      // One line of configuration; stdin then stays open, and the script exits when it closes.
      run.stdin.write((EthereumJs.json().writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8));
      run.stdin.flush();
    } catch (IOException e) {
      run.close();
      throw new UncheckedIOException("writing the configuration of " + name, e);
    }
    return run;
  }

  /** The first event named {@code event}, waiting up to {@code timeout} for it. */
  public JsonNode await(String event, Duration timeout) {
    return await(e -> event.equals(e.path("event").asText()), "event '" + event + "'", timeout);
  }

  /**
   * The first event (already received or still to come) that {@code matches} accepts.
   *
   * @param what the awaited event in words, for the failure message
   */
  public synchronized JsonNode await(Predicate<JsonNode> matches, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < events.size(); checked++) {
        JsonNode e = events.get(checked);
        if (matches.test(e)) {
          return e;
        }
        if ("error".equals(e.path("event").asText())) {
          fail(name + " failed while waiting for " + what + ": " + e.path("message").asText() + "\n" + diagnostics());
        }
      }
      long left = deadline - System.nanoTime();
      if (stdoutClosed) {
        fail(name + " ended (exit " + exitCodeOrNone() + ") before " + what + "\n" + diagnostics());
      }
      if (left <= 0) {
        fail("no " + what + " from " + name + " in " + timeout + "\n" + diagnostics());
      }
      try {
        wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Every event received so far. */
  public synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Every event named {@code event} received so far. */
  public synchronized List<JsonNode> events(String event) {
    return events.stream().filter(e -> event.equals(e.path("event").asText())).toList();
  }

  /** Waits for the script to end by itself; fails when it does not within {@code timeout}. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        fail(name + " still running after " + timeout + "\n" + diagnostics());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
    }
    return process.exitValue();
  }

  /** Events and stderr so far, for a failure message. */
  public synchronized String diagnostics() {
    StringBuilder out = new StringBuilder("--- ").append(name).append(" events:\n");
    events.forEach(e -> out.append("  ").append(e).append('\n'));
    out.append("--- ").append(name).append(" stderr:\n").append(stderr);
    return out.toString();
  }

  /** Closes the script's stdin (its cue to exit) and kills it if it is still there shortly after. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The script is gone already; nothing to tell.
    }
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      killTree(process);
    }
  }

  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    LIVE.remove(process);
  }

  private String exitCodeOrNone() {
    return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
  }

  private void readEvents() {
    try (BufferedReader lines = reader(process.getInputStream())) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode event;
        try {
          event = EthereumJs.json().readTree(line);
        } catch (JsonProcessingException e) {
          // Scripts print only JSON on stdout; anything else is kept as a diagnostic event.
          event = EthereumJs.json().createObjectNode().put("event", "unparsed").put("line", line);
        }
        synchronized (this) {
          events.add(event);
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // The process was killed; the events so far stay readable.
    } finally {
      synchronized (this) {
        stdoutClosed = true;
        notifyAll();
      }
    }
  }

  private void readStderr() {
    try (BufferedReader lines = reader(process.getErrorStream())) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (this) {
          stderr.append(line).append('\n');
          if (stderr.length() > STDERR_KEPT) {
            stderr.delete(0, stderr.length() - STDERR_KEPT);
          }
        }
      }
    } catch (IOException ignored) {
      // The process was killed.
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
