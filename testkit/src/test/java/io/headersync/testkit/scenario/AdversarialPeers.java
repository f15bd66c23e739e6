package io.headersync.testkit.scenario;

import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.run.Adversaries;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.time.Duration;

/**
 * Adds peers by behaviour name, each named after its behaviour: those of {@link Adversaries}
 * (but the forker, whose fork each fixture makes), and two awkward-but-honest ones of the
 * scenarios, {@code latecomer} (joins after 300 ms) and {@code flaky} (reorders 30% of its answers).
 */
public final class AdversarialPeers {

  private AdversarialPeers() {}

  public static void add(SimulatedNetwork net, HeaderChain chain, PeerProfile profile, String... names) {
    for (String name : names) {
      PeerBehaviour behaviour = switch (name) {
        case "latecomer" -> new PeerBehaviour.JoinsLate(Duration.ofMillis(300));
        case "flaky" -> new PeerBehaviour.Sometimes(0.3, new PeerBehaviour.OutOfOrder());
        default -> Adversaries.named(name);
      };
      net.addPeer(name, chain, profile, behaviour);
    }
  }
}
