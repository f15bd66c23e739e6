package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated messages fed to every decoder of both versions: each either decodes or raises the one
 * typed {@link EthProtocolException}; nothing else escapes. The long fuzzing campaign runs the same
 * check over many more inputs; this keeps it in every build.
 */
class EthDecoderFuzzProperties {

  private static final List<byte[]> SEEDS = new ArrayList<>();

  static {
    for (EthVersion v : EthVersion.values()) {
      EthCodec codec = new EthCodec(v, EthLimits.DEFAULT);
      EthCodecTest.samples(v).forEach(m -> SEEDS.add(codec.encode(m)));
    }
  }

  /** One mutation: what to do, where, and with which byte. */
  record Mutation(int kind, int position, byte value) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1 << 16),
        Arbitraries.bytes()).as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 3000)
  void onlyTheTypedErrorEscapes(@ForAll("mutations") List<Mutation> mutations,
      @ForAll("seedIndex") int seed, @ForAll("code") int code) {
    byte[] input = SEEDS.get(seed).clone();
    for (Mutation m : mutations) {
      input = apply(input, m);
    }
    for (EthVersion v : EthVersion.values()) {
      EthCodec codec = new EthCodec(v, EthLimits.DEFAULT);
      try {
        EthMessage decoded = codec.decode(code, input);
        assertThat(decoded.type().code()).isEqualTo(code);
      } catch (EthProtocolException e) {
        assertThat(e.disconnectReason()).isEqualTo(io.headersync.sync.api.DisconnectReason.BREACH_OF_PROTOCOL);
      }
    }
  }

  @Provide
  Arbitrary<Integer> seedIndex() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  /** Mostly the seed's own code family; sometimes any code at all. */
  @Provide
  Arbitrary<Integer> code() {
    return Arbitraries.oneOf(Arbitraries.of(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0f, 0x10, 0x11),
        Arbitraries.integers().between(0, 0x20));
  }

  private static byte[] apply(byte[] in, Mutation m) {
    int at = in.length == 0 ? 0 : m.position() % in.length;
    return switch (m.kind()) {
      case 0 -> { // flip a byte
        byte[] out = in.clone();
        if (out.length > 0) {
          out[at] ^= (byte) (m.value() == 0 ? 1 : m.value());
        }
        yield out;
      }
      case 1 -> java.util.Arrays.copyOf(in, at); // truncate
      case 2 -> { // insert a byte
        byte[] out = new byte[in.length + 1];
        System.arraycopy(in, 0, out, 0, at);
        out[at] = m.value();
        System.arraycopy(in, at, out, at + 1, in.length - at);
        yield out;
      }
      case 3 -> { // delete a byte
        if (in.length == 0) {
          yield in;
        }
        byte[] out = new byte[in.length - 1];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + 1, out, at, in.length - at - 1);
        yield out;
      }
      default -> { // set a byte to a length-prefix value (the most sensitive bytes)
        byte[] out = in.clone();
        if (out.length > 0) {
          out[at] = (byte) (0xb8 + (m.value() & 0x0f));
        }
        yield out;
      }
    };
  }
}
