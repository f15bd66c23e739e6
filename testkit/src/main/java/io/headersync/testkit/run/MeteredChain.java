package io.headersync.testkit.run;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.testkit.chain.HeaderChain;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * A chain that adds the time spent inside it to a {@link Meter}: making synthetic headers is the
 * simulated peers' work, not the sync's, so a run subtracts it from its CPU time to report what
 * the sync itself costs. Wall time on the run's thread is measured here (reading the thread's CPU
 * clock on every call would cost more than most calls do); the run scales it by the thread's
 * share of the CPU to turn it into CPU time.
 */
final class MeteredChain implements HeaderChain {

  /** Nanoseconds spent in metered chains. Single-threaded, as a simulation is. */
  static final class Meter {
    long nanos;
  }

  private final HeaderChain inner;
  private final Meter meter;

  MeteredChain(HeaderChain inner, Meter meter) {
    this.inner = inner;
    this.meter = meter;
  }

  @Override
  public long firstNumber() {
    return inner.firstNumber();
  }

  @Override
  public long headNumber() {
    return inner.headNumber();
  }

  @Override
  public BlockHeader header(long number) {
    long t = System.nanoTime();
    try {
      return inner.header(number);
    } finally {
      meter.nanos += System.nanoTime() - t;
    }
  }

  @Override
  public BigInteger totalDifficulty(long number) {
    long t = System.nanoTime();
    try {
      return inner.totalDifficulty(number);
    } finally {
      meter.nanos += System.nanoTime() - t;
    }
  }

  @Override
  public OptionalLong numberOf(Hash hash) {
    long t = System.nanoTime();
    try {
      return inner.numberOf(hash);
    } finally {
      meter.nanos += System.nanoTime() - t;
    }
  }

  @Override
  public Hash hash(long number) {
    return header(number).hash();
  }

  @Override
  public BlockHeader head() {
    return header(inner.headNumber());
  }

  @Override
  public boolean contains(long number) {
    return inner.contains(number);
  }
}
