package io.headersync.p2p.discovery.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.p2p.identity.NodeKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated payloads of every packet type reach the field decoder (past hash and signature, which
 * random bytes would never pass): each either decodes or fails with {@link PacketException}. A
 * short, seeded run for the default build; the long fuzz campaign lives elsewhere.
 */
class PacketDecoderFuzzTest {

  @Test
  void mutatedPayloadsOnlyEverFailWithTheTypedException() throws Exception {
    NodeKey key = NodeKey.generate(new Random(3));
    List<byte[]> seeds = new ArrayList<>();
    PacketCodecTest.packets().forEach(p -> seeds.add(PacketCodec.encode(p, key)));
    Random random = new Random(42);
    Map<PacketType, int[]> outcomes = new EnumMap<>(PacketType.class);
    for (int i = 0; i < 30_000; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] data = mutate(java.util.Arrays.copyOfRange(seed, PacketCodec.HEADER_SIZE, seed.length), random);
      PacketType type = PacketType.ofCode(seed[97]);
      int[] counts = outcomes.computeIfAbsent(type, t -> new int[2]);
      try {
        PacketCodec.decodeData(type, data, 0, data.length);
        counts[0]++;
      } catch (PacketException e) {
        assertThat(e.reason()).isIn(PacketException.Reason.MALFORMED, PacketException.Reason.BAD_RECORD);
        counts[1]++;
      }
    }
    // Both outcomes happen for every type, so the mutations reach past the first byte.
    for (PacketType t : PacketType.values()) {
      assertThat(outcomes.get(t)[0]).as(t + " decoded").isPositive();
      assertThat(outcomes.get(t)[1]).as(t + " rejected").isPositive();
    }
  }

  private static byte[] mutate(byte[] data, Random random) {
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      switch (random.nextInt(4)) {
        case 0 -> data[random.nextInt(data.length)] = (byte) random.nextInt(256);
        case 1 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
        case 2 -> data = java.util.Arrays.copyOf(data, Math.max(1, random.nextInt(data.length + 1)));
        default -> {
          byte[] longer = java.util.Arrays.copyOf(data, Math.min(1182, data.length + 1 + random.nextInt(8)));
          for (int i = data.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
          }
          data = longer;
        }
      }
    }
    return data;
  }
}
