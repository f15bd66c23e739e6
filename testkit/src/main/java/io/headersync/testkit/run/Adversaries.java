package io.headersync.testkit.run;

import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.sim.PeerBehaviour;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The adversarial peers of a {@link SimulatedSync}, one behaviour each, taken in turn: with twelve
 * or more adversaries every behaviour of {@link PeerBehaviour} that can hurt a sync is present.
 * The first eight answer wrongly (every answer of theirs must cost them reputation); the last four
 * are merely unhelpful (announcement floods, thin, slow or abandoned answers).
 */
public final class Adversaries {

  /** Names of the behaviours, in the order adversaries are given them. */
  public static final List<String> NAMES = List.of("staller", "empty", "forker", "corrupter", "shuffler", "gappy",
      "generous", "garbler", "flooder", "partial", "slow", "quitter");

  private Adversaries() {}

  /** The peer name of adversary {@code index}: its behaviour and a number, e.g. {@code "forker-2"}. */
  public static String name(int index) {
    return NAMES.get(index % NAMES.size()) + "-" + index;
  }

  /**
   * The behaviour of adversary {@code index}.
   *
   * @param liarsFork the chain the fork-serving liar serves instead of the real one
   * @param claimedWork the total difficulty it claims, more than the real chain's, to look best
   */
  public static PeerBehaviour[] behaviour(int index, HeaderChain liarsFork, BigInteger claimedWork) {
    String name = NAMES.get(index % NAMES.size());
    PeerBehaviour b = name.equals("forker") ? new PeerBehaviour.ServesFork(liarsFork, claimedWork) : named(name);
    return new PeerBehaviour[] {b};
  }

  /**
   * The behaviour called {@code name}, one of {@link #NAMES} but {@code "forker"} (which needs the
   * chain it serves instead: see {@link #behaviour}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static PeerBehaviour named(String name) {
    return switch (name) {
      case "staller" -> new PeerBehaviour.Stalls();
      case "empty" -> new PeerBehaviour.AnswersEmpty();
      case "corrupter" -> new PeerBehaviour.CorruptsHeaderByte();
      case "shuffler" -> new PeerBehaviour.OutOfOrder();
      case "gappy" -> new PeerBehaviour.LeavesGaps();
      case "generous" -> new PeerBehaviour.MoreThanAsked(3);
      case "garbler" -> new PeerBehaviour.SendsMalformed();
      case "flooder" -> new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(200), 10);
      case "partial" -> new PeerBehaviour.AnswersPartially(0.3);
      case "slow" -> new PeerBehaviour.Slow(Duration.ofSeconds(2));
      case "quitter" -> new PeerBehaviour.DisconnectsMidRequest(1);
      default -> throw new IllegalArgumentException("no behaviour named '" + name + "' without a chain of its own; known: "
          + NAMES.stream().filter(n -> !n.equals("forker")).toList());
    };
  }

  /** Whether adversary {@code index} answers wrongly (as opposed to merely unhelpfully). */
  public static boolean answersWrongly(int index) {
    return index % NAMES.size() < 8;
  }
}
