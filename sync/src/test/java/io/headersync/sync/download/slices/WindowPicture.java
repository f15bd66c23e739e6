package io.headersync.sync.download.slices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Slice windows as pictures: one symbol a slice ({@link SliceState#symbol()}), lowest first,
 * separated by spaces, so a state machine test reads like a drawing of the window:
 *
 * <pre>
 *   .  empty      ~  waiting     #  downloaded     i  verified internally
 *   +  verified   x  invalid     f  fork            =  saved
 * </pre>
 */
final class WindowPicture {

  private WindowPicture() {}

  /** The states a picture shows, lowest slice first. */
  static List<SliceState> parse(String picture) {
    List<SliceState> out = new ArrayList<>();
    for (String token : picture.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (token.length() != 1) {
        throw new IllegalArgumentException("a slice is one symbol, got \"" + token + "\" in \"" + picture + "\"");
      }
      out.add(SliceState.ofSymbol(token.charAt(0)));
    }
    return out;
  }

  /** Draws a list of states. */
  static String draw(List<SliceState> states) {
    StringBuilder b = new StringBuilder();
    for (SliceState s : states) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(s.symbol());
    }
    return b.toString();
  }

  /** Asserts that the downloader's window looks like {@code expected}. */
  static void assertWindow(SliceHeaderDownloader downloader, String expected) {
    assertThat(parse(downloader.windowPicture())).as("window %s, expected %s", downloader.windowPicture(), expected)
        .containsExactlyElementsOf(parse(expected));
  }
}
