package io.headersync.node.cli;

import io.headersync.consensus.seal.SealMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --seal full|sampled:N|off}. */
final class SealModeConverter implements ITypeConverter<SealMode> {
  @Override
  public SealMode convert(String value) {
    try {
      return SealMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
