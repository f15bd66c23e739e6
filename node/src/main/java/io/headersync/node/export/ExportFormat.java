package io.headersync.node.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** How rows are written. */
public enum ExportFormat {
  /** RFC 4180 CSV: a header row of field names, then one row per block; a missing value is an empty cell. */
  CSV {
    @Override
    void begin(Writer out, List<ExportField> fields) throws IOException {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(cell(fields.get(i).fieldName()));
      }
      out.write('\n');
    }

    @Override
    void row(Writer out, List<ExportField> fields, String[] values) throws IOException {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        if (values[i] != null) {
          out.write(cell(values[i]));
        }
      }
      out.write('\n');
    }
  },
  /**
   * JSON lines: one object per block with the fields in the order asked; numbers in decimal are
   * strings too (a total difficulty overflows a double); a missing value is {@code null}.
   */
  JSONL {
    @Override
    void begin(Writer out, List<ExportField> fields) {}

    @Override
    void row(Writer out, List<ExportField> fields, String[] values) throws IOException {
      out.write('{');
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(jsonString(fields.get(i).fieldName()));
        out.write(':');
        out.write(values[i] == null ? "null" : jsonString(values[i]));
      }
      out.write("}\n");
    }
  };

  abstract void begin(Writer out, List<ExportField> fields) throws IOException;

  abstract void row(Writer out, List<ExportField> fields, String[] values) throws IOException;

  /** The value as typed on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Quoted only when it must be: values are hex or digits, so in practice never. */
  static String cell(String v) {
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  static String jsonString(String v) {
    StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
