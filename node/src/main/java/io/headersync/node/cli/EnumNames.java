package io.headersync.node.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum values named on the command line: shown in lower case, accepted in any case. */
final class EnumNames {

  private EnumNames() {}

  /** The constant of {@code type} named {@code name} in any case, or empty. */
  static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The names of {@code type}'s constants in lower case, in declaration order, joined by ", ". */
  static <E extends Enum<E>> String list(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
  }
}
