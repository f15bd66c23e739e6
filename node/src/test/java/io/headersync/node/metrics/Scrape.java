package io.headersync.node.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape parsed back from the text exposition format, strictly: every sample line must belong to
 * the family its {@code # TYPE} line announced, labels must be quoted and escaped, values numeric.
 * A malformed line fails the parse, so a test over it checks the format as well as the figures.
 */
record Scrape(Map<String, String> types, Map<String, String> help, List<Line> samples) {

  record Line(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");

  static Scrape parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> help = new LinkedHashMap<>();
    List<Line> samples = new ArrayList<>();
    String family = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        help.put(parts[0], parts[1]);
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        if (parts.length != 2 || !(parts[1].equals("counter") || parts[1].equals("gauge"))) {
          throw new IllegalArgumentException("bad TYPE line: " + line);
        }
        family = parts[0];
        types.put(family, parts[1]);
      } else if (!line.isEmpty()) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("bad sample line: " + line);
        }
        if (!m.group(1).equals(family)) {
          throw new IllegalArgumentException("sample outside its family " + family + ": " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          int at = 0;
          while (l.find() && l.start() == at) {
            labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
            at = l.end();
          }
          if (at != m.group(3).length()) {
            throw new IllegalArgumentException("bad labels: " + line);
          }
        }
        samples.add(new Line(m.group(1), labels, value(m.group(4))));
      }
    }
    return new Scrape(types, help, samples);
  }

  private static double value(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** The value of the sample named {@code name} with exactly {@code labels} (alternating name, value). */
  Optional<Double> value(String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).map(Line::value).findFirst();
  }

  double require(String name, String... labels) {
    return value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)
        + " in the scrape"));
  }

  /** The sum of every sample of {@code name}, whatever its labels. */
  double sum(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Line::value).sum();
  }
}
