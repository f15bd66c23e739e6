package io.headersync.testkit.run;

import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.testkit.sim.ServeLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one {@link SimulatedSync} runs.
 *
 * @param strategy the controller's strategy. Default {@link Strategy#AUTO}
 * @param peers peers in the network, honest and adversarial together. Default 8
 * @param adversarial how many of them are adversarial, each with one behaviour drawn in turn from
 *     {@link Adversaries} (so with enough of them every behaviour is present). Default 0; at
 *     least one peer must be honest
 * @param headers headers to sync: the chain runs from a trusted start block (which the store
 *     begins with) to {@code headers} blocks above it. Default 10,000
 * @param seed the network's and the chain's seed: the same settings give the same run
 * @param latency every peer's round-trip time. Default 100 ms, a peer on another continent
 * @param jitter the most extra delay added at random to one answer. Default 0, so that the
 *     bandwidth bound is exact; set it to see how a strategy copes with uneven answers
 * @param bandwidthBytesPerSecond every peer's link toward us. Default 2,000,000 (2 MB/s)
 * @param serveLimits what a peer puts in one answer. Default {@link ServeLimits#DEFAULT} (1024
 *     headers, 2 MiB), as common execution clients do
 * @param dataDirectory a RocksDB data directory (created, or resumed when it holds a sync under
 *     way); empty for an in-memory store. Default empty
 * @param virtualTimeLimit the run stops (unsynced) after this much virtual time. Default 2 hours,
 *     far beyond what any configured size needs
 * @param checkpointCoverage the fraction of the chain the shipped checkpoint hashes (one every
 *     192 blocks) cover, from its start. Default 0.9: the preverified phase covers most of the
 *     chain and the last tenth is left to the linear and forky phases, as a release's list would
 * @param cachedChainSegments segments of 1,024 headers the synthetic chain keeps made, shared by
 *     all peers. Default 16: fewer makes peers rebuild headers that sync has asked of several of
 *     them; more costs heap the memory figures would count
 * @param fullAuditLimit chains up to this many headers are audited block by block at the end
 *     ({@code StoreConsistency} from the start); longer ones only their last 100,000 blocks (the
 *     head's hash, checked always, vouches for everything below through the parent links).
 *     Default 2,000,000
 * @param controller the controller's settings; its strategy is replaced by {@code strategy}.
 *     Default {@link SyncControllerConfig#DEFAULT}
 * @param audit how the end is judged. Default {@link Audit#AS_CONFIGURED}
 * @param wireCopies whether peers answer with headers decoded afresh from their bytes, as they
 *     arrive from a socket, so that the sync pays for decoding and hashing each one (see {@link
 *     io.headersync.testkit.sim.PeerProfile#wireCopies()}). Default false: correctness runs need
 *     no such cost; the CPU benchmark turns it on to count what a real sync pays
 */
public record SimulationSettings(
    Strategy strategy,
    int peers,
    int adversarial,
    long headers,
    long seed,
    Duration latency,
    Duration jitter,
    long bandwidthBytesPerSecond,
    ServeLimits serveLimits,
    Optional<Path> dataDirectory,
    Duration virtualTimeLimit,
    double checkpointCoverage,
    int cachedChainSegments,
    long fullAuditLimit,
    SyncControllerConfig controller,
    Audit audit,
    boolean wireCopies) {

  /**
   * How the end of a run is judged. {@link #AS_CONFIGURED} in every real use; the others make a
   * sound run fail on purpose, so that a caller can check that a failed judgement reaches it (the
   * {@code headersync sim} command's hidden flags and its tests).
   *
   * @param limitScale the memory limits are judged at their configured value times this; below 1
   *     a run that held its configured limits can be judged to have broken them
   * @param expectedChainSeed judge the store against the chain of this seed instead of the one
   *     served: every header written is then off the expected chain
   */
  public record Audit(double limitScale, OptionalLong expectedChainSeed) {
    public static final Audit AS_CONFIGURED = new Audit(1.0, OptionalLong.empty());

    public Audit {
      Objects.requireNonNull(expectedChainSeed, "expectedChainSeed");
      if (!(limitScale > 0)) {
        throw new IllegalArgumentException("limitScale must be positive, got " + limitScale);
      }
    }
  }

  public static final SimulationSettings DEFAULT = new SimulationSettings(Strategy.AUTO, 8, 0, 10_000, 1,
      Duration.ofMillis(100), Duration.ZERO, 2_000_000, ServeLimits.DEFAULT, Optional.empty(), Duration.ofHours(2), 0.9, 16,
      2_000_000, SyncControllerConfig.DEFAULT, Audit.AS_CONFIGURED, false);

  public SimulationSettings {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(serveLimits, "serveLimits");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(virtualTimeLimit, "virtualTimeLimit");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(audit, "audit");
    if (peers < 1 || adversarial < 0 || adversarial >= peers) {
      throw new IllegalArgumentException("need at least one peer and at least one honest one: peers " + peers
          + ", adversarial " + adversarial);
    }
    if (headers < 1) {
      throw new IllegalArgumentException("headers must be positive, got " + headers);
    }
    if (latency.isNegative() || jitter.isNegative() || bandwidthBytesPerSecond < 1) {
      throw new IllegalArgumentException("latency and jitter must not be negative, bandwidth must be positive");
    }
    if (!(checkpointCoverage >= 0 && checkpointCoverage <= 1)) {
      throw new IllegalArgumentException("checkpointCoverage must lie in [0, 1], got " + checkpointCoverage);
    }
    if (cachedChainSegments < 1 || fullAuditLimit < 0 || virtualTimeLimit.isNegative() || virtualTimeLimit.isZero()) {
      throw new IllegalArgumentException("cachedChainSegments and virtualTimeLimit must be positive, fullAuditLimit not negative");
    }
  }

  public int honestPeers() {
    return peers - adversarial;
  }

  public SimulationSettings withStrategy(Strategy value) {
    return new SimulationSettings(value, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withPeers(int total, int adversarialPeers) {
    return new SimulationSettings(strategy, total, adversarialPeers, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withHeaders(long value) {
    return new SimulationSettings(strategy, peers, adversarial, value, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withSeed(long value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, value, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withLink(Duration latencyValue, long bytesPerSecond) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latencyValue, jitter, bytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withJitter(Duration value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, value, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withDataDirectory(Path value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, Optional.of(value), virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withVirtualTimeLimit(Duration value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, value, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withCheckpointCoverage(double value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, value, cachedChainSegments, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withFullAuditLimit(long value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, value, controller, audit, wireCopies);
  }

  public SimulationSettings withAudit(Audit value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, value, wireCopies);
  }

  public SimulationSettings withController(SyncControllerConfig value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, value, audit, wireCopies);
  }

  public SimulationSettings withCachedChainSegments(int value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, value, fullAuditLimit, controller, audit, wireCopies);
  }

  public SimulationSettings withWireCopies(boolean value) {
    return new SimulationSettings(strategy, peers, adversarial, headers, seed, latency, jitter, bandwidthBytesPerSecond,
        serveLimits, dataDirectory, virtualTimeLimit, checkpointCoverage, cachedChainSegments, fullAuditLimit, controller, audit,
        value);
  }
}
