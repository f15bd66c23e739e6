package io.headersync.node.progress;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log-format text|json}: a picocli mixin any command adds with
 * {@code @Mixin LogOptions logging;}. The format takes effect as the command line is parsed, before
 * the command runs, so every line the command logs (progress lines included) has it.
 */
public final class LogOptions {

  private LogFormat format = LogFormat.TEXT;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
      description = "Log lines on standard error as text or json (one JSON object a line, for log collectors). "
          + "Default: ${DEFAULT-VALUE}.")
  void format(LogFormat value) {
    this.format = value;
    value.apply();
  }

  public LogFormat format() {
    return format;
  }

  /** {@code text} or {@code json}, in any case. */
  static final class FormatConverter implements ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected " + Arrays.stream(LogFormat.values()).map(LogFormat::toString)
            .collect(Collectors.joining(" or ")) + ", got '" + value + "'");
      }
    }
  }
}
