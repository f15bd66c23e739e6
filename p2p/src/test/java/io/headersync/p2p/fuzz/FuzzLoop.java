package io.headersync.p2p.fuzz;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Feeds one decoder a stream of generated inputs and checks each: the decoder returns, or throws
 * its one typed error; anything else fails the test with the seed, the input's number and its bytes.
 * The heap the decoder takes for one input is measured and must stay below the configured bound
 * ({@code constant + perByte × input size + cap}): a decoder that believed a length prefix and made
 * room for it before checking breaks that at once.
 *
 * <p>Each input comes from its own random source, derived from the run's seed, the decoder's name
 * and the input's number, so any failure is reproduced from the numbers it prints.
 *
 * @param <T> the input (bytes, or bytes with a message code and version)
 */
final class FuzzLoop<T> {

  /** Makes one input. */
  @FunctionalInterface
  interface Generator<T> {
    T next(SplittableRandom random);
  }

  /** Runs the decoder on one input: accepted, or waiting for more bytes; the typed error when rejected. */
  @FunctionalInterface
  interface Target<T> {
    boolean feed(T input) throws Exception;
  }

  /** Heap one input may cost, beyond its bytes and the cap, for the decoder's own objects and its error. */
  static final long DEFAULT_CONSTANT = 48 * 1024;
  /** Inputs before the allocation check starts (at most): class loading and first-use bootstrapping allocate once. */
  private static final long WARM_UP = 2_000;

  private final String name;
  private final Class<? extends Throwable> typed;
  private final Function<Throwable, String> reasonOf;
  private final ToIntFunction<T> size;
  private final Function<T, byte[]> bytes;
  private long constant = DEFAULT_CONSTANT;
  private long perByte = 8;
  private long cap;

  /**
   * @param typed the only exception type the decoder may throw
   * @param reasonOf names the typed error's reason (and may check it further, throwing an
   *     AssertionError)
   * @param bytes the bytes a peer sent, for the size and the failure report
   */
  FuzzLoop(String name, Class<? extends Throwable> typed, Function<Throwable, String> reasonOf, Function<T, byte[]> bytes) {
    this.name = name;
    this.typed = typed;
    this.reasonOf = reasonOf;
    this.bytes = bytes;
    this.size = t -> bytes.apply(t).length;
  }

  static FuzzLoop<byte[]> ofBytes(String name, Class<? extends Throwable> typed, Function<Throwable, String> reasonOf) {
    return new FuzzLoop<>(name, typed, reasonOf, b -> b);
  }

  /** Allows {@code constant + perByte × input size + cap} bytes of heap per input. */
  FuzzLoop<T> allocation(long constant, long perByte, long cap) {
    this.constant = constant;
    this.perByte = perByte;
    this.cap = cap;
    return this;
  }

  Tally run(long seed, long inputs, Generator<T> generator, Target<T> target) {
    Tally tally = new Tally(name);
    long stream = seed * 0x9E3779B97F4A7C15L + name.hashCode();
    long warmUp = Math.min(WARM_UP, inputs / 5);
    for (long i = 0; i < inputs; i++) {
      T input = generator.next(new SplittableRandom(stream ^ (i * 0xBF58476D1CE4E5B9L)));
      int inputSize = size.applyAsInt(input);
      long before = AllocationMeter.allocatedBytes();
      try {
        if (target.feed(input)) {
          tally.accepted++;
        } else {
          tally.incomplete++;
        }
      } catch (Throwable t) {
        if (!typed.isInstance(t)) {
          throw new AssertionError(report(seed, i, input, "escaped with " + t), t);
        }
        String reason;
        try {
          reason = reasonOf.apply(t);
        } catch (AssertionError wrong) {
          throw new AssertionError(report(seed, i, input, wrong.getMessage() + " (" + t + ")"), t);
        }
        tally.rejected.merge(reason, 1L, Long::sum);
      }
      long used = AllocationMeter.allocatedBytes() - before;
      long bound = constant + perByte * inputSize + cap;
      if (i >= warmUp && used > bound) {
        // The first run of a code path loads classes and links call sites once; only a repeat tells what the input costs.
        used = repeatCost(input, target);
      }
      tally.inputs++;
      tally.maxInputSize = Math.max(tally.maxInputSize, inputSize);
      if (i >= warmUp) {
        if (used > tally.maxAllocated) {
          tally.maxAllocated = used;
          tally.maxAllocatedInputSize = inputSize;
        }
        if (used > bound) {
          throw new AssertionError(report(seed, i, input, "took " + used + " bytes of heap for an input of "
              + inputSize + " bytes; the bound is " + bound));
        }
      }
    }
    System.out.println("fuzz " + tally);
    return tally;
  }

  private static <T> long repeatCost(T input, Target<T> target) {
    long before = AllocationMeter.allocatedBytes();
    try {
      target.feed(input);
    } catch (Throwable ignored) {
      // the outcome was checked on the first run; only the heap is measured here
    }
    return AllocationMeter.allocatedBytes() - before;
  }

  private String report(long seed, long index, T input, String what) {
    byte[] b = bytes.apply(input);
    String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 512)) + (b.length > 512 ? "… (first 512 bytes)" : "");
    return name + ": input #" + index + " of seed " + seed + " (" + input.getClass().getSimpleName() + ", "
        + b.length + " bytes) " + what + "\n  input: " + hex;
  }
}
