package io.headersync.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.node.cli.ExitCodes;
import io.headersync.node.testing.Cli;
import io.headersync.p2p.identity.NodeKey;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headersync sync} and {@code serve} in-process: bad flags, and no reachable peer. */
class SyncCommandTest {

  @TempDir
  Path tmp;

  @Test
  void aMalformedEnodeIsAUsageErrorNamingTheFlag() {
    Cli.Run run = Cli.run("sync", "--datadir", tmp.resolve("d"), "--chain", "sepolia", "--peers", "enode://1234@127.0.0.1:1");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--peers").contains("128 hex digits");
  }

  @Test
  void aMalformedTargetIsAUsageError() {
    Cli.Run run = Cli.run("sync", "--datadir", tmp.resolve("d"), "--chain", "sepolia", "--target", "0x12");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("a target is a block hash");
  }

  @Test
  void aNegativeBodiesCountIsAUsageError() {
    Cli.Run run = Cli.run("sync", "--datadir", tmp.resolve("d"), "--chain", "sepolia", "--bodies", "-1");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--bodies must be 0 or more");
  }

  @Test
  void anUnknownEthVersionIsAUsageError() {
    Cli.Run run = Cli.run("serve", "--datadir", tmp.resolve("d"), "--chain", "sepolia", "--eth-versions", "67");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("expected 68 or 69");
  }

  @Test
  void untilSyncedWithNoReachablePeerExitsThreeAfterThePeerTimeout() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String nobody = "enode://" + NodeKey.generate(new Random(3)).nodeId().toHex() + "@127.0.0.1:" + closedPort;
    Cli.Run run = Cli.run("sync", "--datadir", tmp.resolve("d"), "--chain", "sepolia", "--port", "0", "--listen-addr",
        "127.0.0.1", "--no-discovery", "--peers", nobody, "--until-synced", "--peer-timeout", "1", "--seal", "off");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.IO);
    assertThat(run.outLines().getFirst()).startsWith("enode://");
    assertThat(run.err()).contains("no peer reachable within 1 s");
  }
}
