package io.headersync.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.p2p.identity.NodeKey;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscoveryNodeTest {

  private final String id = NodeKey.generate(new Random(1)).nodeId().toHex();

  @Test
  void enodeUrlsGiveTheDiscoveryPortAndRoundTrip() throws Exception {
    DiscoveryNode n = DiscoveryNode.parse("enode://" + id + "@10.3.58.6:30303?discport=30301");
    assertThat(n.ip()).isEqualTo(InetAddress.getByName("10.3.58.6"));
    assertThat(n.udpPort()).isEqualTo(30301);
    assertThat(n.tcpPort()).isEqualTo(30303);
    assertThat(DiscoveryNode.parse(n.toEnodeUrl())).isEqualTo(n);

    DiscoveryNode v6 = DiscoveryNode.parse("enode://" + id + "@[2001:db8::1]:30303");
    assertThat(v6.udpPort()).isEqualTo(30303);
    assertThat(DiscoveryNode.parse(v6.toEnodeUrl())).isEqualTo(v6);
  }

  @Test
  void aZeroDiscoveryPortIsRefused() {
    assertThatThrownBy(() -> DiscoveryNode.parse("enode://" + id + "@10.0.0.1:30303?discport=0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("udp port");
  }
}
