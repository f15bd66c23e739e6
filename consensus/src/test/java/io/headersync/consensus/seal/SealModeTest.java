package io.headersync.consensus.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SealModeTest {

  @Test
  void parsesTheThreeForms() {
    assertThat(SealMode.parse("full")).isEqualTo(new SealMode.Full());
    assertThat(SealMode.parse(" off ")).isEqualTo(new SealMode.Off());
    assertThat(SealMode.parse("sampled:100")).isEqualTo(new SealMode.Sampled(100));
    assertThat(SealMode.parse("sampled:1")).isEqualTo(new SealMode.Sampled(1));
  }

  @Test
  void printsAsParsed() {
    for (String s : new String[] {"full", "off", "sampled:64"}) {
      assertThat(SealMode.parse(s).toString()).isEqualTo(s);
    }
  }

  @Test
  void anythingElseIsAClearError() {
    assertThatThrownBy(() -> SealMode.parse("fast")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seal mode: expected full, sampled:N or off, found 'fast'");
    assertThatThrownBy(() -> SealMode.parse("FULL")).hasMessageContaining("expected full, sampled:N or off");
    assertThatThrownBy(() -> SealMode.parse("sampled:")).hasMessageContaining("positive integer, found ''");
    assertThatThrownBy(() -> SealMode.parse("sampled:ten")).hasMessageContaining("found 'ten'");
    assertThatThrownBy(() -> SealMode.parse("sampled:0")).hasMessageContaining("found 0");
    assertThatThrownBy(() -> SealMode.parse("sampled:-3")).hasMessageContaining("found -3");
    assertThatThrownBy(() -> SealMode.parse("sampled:99999999999")).hasMessageContaining("positive integer");
    assertThatThrownBy(() -> SealMode.parse(null)).hasMessageContaining("found nothing");
    assertThatThrownBy(() -> new SealMode.Sampled(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
