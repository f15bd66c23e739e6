package io.headersync.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ethereumjs side checked against itself, so that a failing interop test points at headersync:
 * the scripts' self-test (serve-chain answering fetch-headers by number and hash with skip and
 * reverse, Status agreement, one DPT finding another's neighbours) passes, and a script given a
 * bad configuration says what was wrong instead of hanging.
 */
class EthereumJsHarnessInteropTest {

  @Test
  void scriptsPassTheirSelfTestEthereumjsAgainstEthereumjs() {
    EthereumJs.ProcessOutput result = EthereumJs.get().runSelfTest(Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("ok - eth/68 agreed", "ok - devp2p v5 (snappy) agreed", "ok - neighbours hold both seeds")
        .contains("all checks passed");
  }

  @Test
  void aScriptWithABadConfigurationReportsTheFieldAndEnds() {
    try (ScriptRun run = EthereumJs.get().start("serve-chain.mjs",
        EthereumJs.config().put("privateKey", "01".repeat(32)), Duration.ofSeconds(20))) {

      assertThatThrownBy(() -> run.await("ready", Duration.ofSeconds(15)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("serve-chain.mjs failed")
          .hasMessageContaining("configuration field \"headersFile\" is missing");
      assertThat(run.awaitExit(Duration.ofSeconds(10))).isEqualTo(1);
    }
  }
}
