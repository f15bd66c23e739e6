package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnodeTest {

  private static final String ID =
      "a979fb575495b8d6db44f750317d0f4622bf4c2aa3365d6af7c284339968eef29b69ad0dce72a4d8db5ebb4968de0e3bec910127f134779fbcb0cb6d3331163c";

  @Test
  void parsesAndFormatsIpv4WithAndWithoutDiscport() {
    Enode e = Enode.parse("enode://" + ID + "@52.16.188.185:30303");
    assertThat(e.id().toHex()).isEqualTo(ID);
    assertThat(e.host()).isEqualTo("52.16.188.185");
    assertThat(e.tcpPort()).isEqualTo(30303);
    assertThat(e.udpPort()).isEqualTo(30303);
    assertThat(e.toString()).isEqualTo("enode://" + ID + "@52.16.188.185:30303");

    Enode d = Enode.parse("enode://" + ID + "@10.0.0.1:30303?discport=30301");
    assertThat(d.udpPort()).isEqualTo(30301);
    assertThat(Enode.parse(d.toString())).isEqualTo(d);
  }

  @Test
  void parsesBracketedIpv6AndHostNames() {
    Enode v6 = Enode.parse("enode://" + ID + "@[::1]:30303");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.toString()).contains("@[::1]:30303");
    assertThat(Enode.parse("enode://" + ID + "@boot.example.org:1234").host()).isEqualTo("boot.example.org");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://x@1.2.3.4:1|not an enode URL",
      "enode://abcd@1.2.3.4:30303|128 hex digits",
      "enode://ID1.2.3.4:30303|no '@'",
      "enode://ID@1.2.3.4|no port",
      "enode://ID@1.2.3.4:70000|[0, 65535]",
      "enode://ID@1.2.3.4:30303?discport=x|discport",
      "enode://ID@1.2.3.4:30303?foo=1|unknown enode URL parameter",
      "enode://ID@:30303|empty host",
      "enode://ID@[::1:30303|IPv6"})
  void rejectsMalformedUrlsSayingWhichPart(String url, String message) {
    assertThatThrownBy(() -> Enode.parse(url.replace("ID", ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
