package io.headersync.testkit.sim;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.time.Cancellable;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.SyntheticBodies;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A peer of a {@link SimulatedNetwork}: serves a {@link HeaderChain} within its {@link
 * ServeLimits}, over a link with the latency and bandwidth of its {@link PeerProfile}, bent by its
 * {@link PeerBehaviour}s. Every answer is an event on the virtual scheduler, never a call from
 * inside the request, as the {@code PeerHandle} contract asks.
 *
 * <p>Bodies: the chains are header-only; a peer serves {@link SyntheticBodies#servedBody}, which is
 * the header's synthetic body when the chain was made with {@link
 * io.headersync.testkit.chain.WithBodiesRecipe} (and then matches the header's roots), and an
 * empty body of the header's shape otherwise (which does not).
 */
public final class SimulatedPeer implements PeerHandle {

  /** What the behaviours decided for one answer, beyond its content. */
  private static final class Effects {
    long extraDelayNanos;
    boolean stall;
    boolean malformed;
    boolean disconnect;
  }

  private record Pending(Cancellable delivery, Runnable onDisconnect) {}

  private final SimulatedNetwork network;
  private final VirtualScheduler loop;
  private final PeerId id;
  private final PeerProfile profile;
  private final List<PeerBehaviour> behaviours;
  private final SplittableRandom random;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();

  private HeaderChain served;
  private BigInteger claimedTotalDifficulty;
  private PeerChainState state;
  private boolean connected;
  private boolean everConnected;
  private int requestsReceived;
  private long answersSent;
  private long linkFreeAt;
  private long nextPending;

  SimulatedPeer(SimulatedNetwork network, String id, int index, HeaderChain chain, PeerProfile profile,
      List<PeerBehaviour> behaviours) {
    this.network = network;
    this.loop = network.scheduler();
    this.id = PeerId.of(id);
    this.profile = profile;
    this.behaviours = List.copyOf(behaviours);
    this.random = new SplittableRandom(network.peerSeed(index));
    this.served = chain;
    for (PeerBehaviour b : this.behaviours) {
      if (b instanceof PeerBehaviour.ServesFork fork) {
        served = fork.fork();
        claimedTotalDifficulty = fork.claimedTotalDifficulty();
      }
    }
  }

  // ------------------------------------------------------------ lifecycle

  void scheduleConnect() {
    Duration delay = Duration.ZERO;
    for (PeerBehaviour b : behaviours) {
      if (b instanceof PeerBehaviour.JoinsLate late) {
        delay = late.after();
      }
    }
    loop.schedule(delay, "connect " + id, this::connect);
  }

  private void connect() {
    connected = true;
    everConnected = true;
    network.announceConnected(this);
    for (PeerBehaviour b : behaviours) {
      switch (b) {
        case PeerBehaviour.FloodsAnnouncements flood -> scheduleFlood(flood);
        case PeerBehaviour.ChangesHead change ->
            loop.schedule(change.after(), id + " changes head", () -> changeHead(change.newChain()));
        default -> { }
      }
    }
  }

  private void scheduleFlood(PeerBehaviour.FloodsAnnouncements flood) {
    loop.schedule(flood.interval(), id + " floods " + flood.perBurst() + " announcements", () -> {
      if (!connected) {
        return;
      }
      long head = served.headNumber();
      for (int i = 0; i < flood.perBurst(); i++) {
        Hash unknown = Hash.wrap(randomBytes(Hash.SIZE));
        network.announceBlock(this, new BlockAnnouncement(unknown, head + 1 + random.nextInt(64), Optional.empty()));
      }
      scheduleFlood(flood);
    });
  }

  private void changeHead(HeaderChain chain) {
    if (!connected) {
      return;
    }
    served = chain;
    state = null;
    BlockHeader head = chain.head();
    loop.note(id + " now at #" + head.number() + " " + head.hash());
    network.announceChainState(this, chainState());
    network.announceBlock(this, new BlockAnnouncement(head.hash(), head.number(),
        Optional.of(claimedTotalDifficulty != null ? claimedTotalDifficulty : chain.totalDifficulty(head.number()))));
  }

  /**
   * Switches to serving {@code chain} and announces its head (chain state and a NewBlock with its
   * total difficulty), as a live peer does on each new block: for producers that grow or
   * reorganise the network's chain during a run. Ignored while disconnected.
   */
  public void announceHead(HeaderChain chain) {
    changeHead(chain);
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    if (connected) {
      loop.note(id + " disconnected by us: " + reason);
      disconnectNow(reason);
    }
  }

  private void disconnectNow(DisconnectReason reason) {
    connected = false;
    for (Pending p : List.copyOf(pending.values())) {
      p.delivery().cancel();
      loop.schedule(Duration.ZERO, id + " request ends: disconnected", p.onDisconnect());
    }
    pending.clear();
    loop.schedule(Duration.ZERO, "disconnected " + id + " (" + reason + ")", () -> network.announceDisconnected(this, reason));
  }

  // ------------------------------------------------------------ PeerHandle

  @Override
  public PeerId id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(profile.protocol());
  }

  @Override
  public PeerChainState chainState() {
    if (state == null) {
      BlockHeader head = served.head();
      BigInteger td = claimedTotalDifficulty != null ? claimedTotalDifficulty : served.totalDifficulty(head.number());
      state = profile.protocol().equals(Capability.ETH_69)
          ? PeerChainState.eth69(BlockRange.of(served.firstNumber(), head.number()), head.hash())
          : PeerChainState.eth68(head.hash(), head.number(), td);
    }
    return state;
  }

  /** As a devp2p ping would measure it: the link's latency. */
  @Override
  public Optional<Duration> measuredRoundTrip() {
    return Optional.of(profile.latency());
  }

  @Override
  public void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {
    int n = ++requestsReceived;
    loop.note(id + " <- " + request);
    if (!connected) {
      refuse(listener::onError);
      return;
    }
    Effects fx = new Effects();
    List<BlockHeader> answer = serveHeaders(request);
    for (PeerBehaviour b : behaviours) {
      answer = applyToHeaders(b, request, answer, fx, n);
    }
    List<BlockHeader> finalAnswer = List.copyOf(answer);
    long bytes = 0;
    for (BlockHeader h : finalAnswer) {
      bytes += h.encoded().length;
    }
    String what = finalAnswer.isEmpty() ? "no headers"
        : finalAnswer.size() + " headers #" + finalAnswer.getFirst().number() + "..#" + finalAnswer.getLast().number();
    deliver(fx, what, bytes, () -> listener.onResponse(new PeerResponse<>(id, profile.wireCopies() ? wireCopies(finalAnswer)
        : finalAnswer)), listener::onError);
  }

  /** The headers as a transport would hand them over: decoded from their bytes, hashed again. */
  private static List<BlockHeader> wireCopies(List<BlockHeader> headers) {
    List<BlockHeader> copies = new ArrayList<>(headers.size());
    for (BlockHeader h : headers) {
      BlockHeader copy = BlockHeader.decode(h.encoded());
      copy.hash();
      copies.add(copy);
    }
    return copies;
  }

  @Override
  public void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener) {
    int n = ++requestsReceived;
    loop.note(id + " <- " + request);
    if (!connected) {
      refuse(listener::onError);
      return;
    }
    Effects fx = new Effects();
    List<BlockBody> answer = serveBodies(request);
    for (PeerBehaviour b : behaviours) {
      answer = applyToBodies(b, answer, fx, n);
    }
    List<BlockBody> finalAnswer = List.copyOf(answer);
    long bytes = 0;
    for (BlockBody body : finalAnswer) {
      bytes += body.encode().length;
    }
    deliver(fx, finalAnswer.size() + " bodies", bytes, () -> listener.onResponse(new PeerResponse<>(id, finalAnswer)), listener::onError);
  }

  // ------------------------------------------------------------ inspection

  public boolean isConnected() {
    return connected;
  }

  public boolean hasConnected() {
    return everConnected;
  }

  public int requestsReceived() {
    return requestsReceived;
  }

  public long answersSent() {
    return answersSent;
  }

  public HeaderChain servedChain() {
    return served;
  }

  public PeerProfile profile() {
    return profile;
  }

  // ------------------------------------------------------------ serving

  /** The honest answer: the pattern asked for, cut at the chain's ends and at the serve limits. */
  List<BlockHeader> serveHeaders(HeadersRequest request) {
    OptionalLong origin = request.originNumber();
    if (origin.isEmpty() && request.origin() instanceof io.headersync.sync.api.BlockOrigin.ByHash byHash) {
      origin = served.numberOf(byHash.hash());
    }
    List<BlockHeader> out = new ArrayList<>();
    if (origin.isEmpty()) {
      return out;
    }
    ServeLimits limits = profile.limits();
    int max = Math.min(request.limit(), limits.maxHeaders());
    long bytes = 0;
    for (int i = 0; i < max; i++) {
      long number = origin.getAsLong() + i * request.step();
      if (!served.contains(number)) {
        break;
      }
      BlockHeader h = served.header(number);
      if (!out.isEmpty() && bytes + h.encoded().length > limits.maxBytes()) {
        break;
      }
      out.add(h);
      bytes += h.encoded().length;
    }
    return out;
  }

  private List<BlockBody> serveBodies(BodiesRequest request) {
    List<BlockBody> out = new ArrayList<>();
    ServeLimits limits = profile.limits();
    long bytes = 0;
    for (Hash hash : request.hashes()) {
      if (out.size() == limits.maxBodies()) {
        break;
      }
      OptionalLong number = served.numberOf(hash);
      if (number.isEmpty()) {
        continue; // as real clients do: unknown blocks are skipped
      }
      BlockBody body = SyntheticBodies.servedBody(served.header(number.getAsLong()));
      int size = body.encode().length;
      if (!out.isEmpty() && bytes + size > limits.maxBytes()) {
        break;
      }
      out.add(body);
      bytes += size;
    }
    return out;
  }

  private List<BlockHeader> applyToHeaders(PeerBehaviour b, HeadersRequest request, List<BlockHeader> answer, Effects fx, int n) {
    return switch (b) {
      case PeerBehaviour.CorruptsHeaderByte c -> corruptOne(answer);
      case PeerBehaviour.OutOfOrder o -> shuffled(answer);
      case PeerBehaviour.LeavesGaps g -> withGap(answer);
      case PeerBehaviour.MoreThanAsked m -> extended(request, answer, m.extra());
      case PeerBehaviour.Sometimes s -> random.nextDouble() < s.probability() ? applyToHeaders(s.behaviour(), request, answer, fx, n) : answer;
      default -> applyCommon(b, answer, fx, n);
    };
  }

  private List<BlockBody> applyToBodies(PeerBehaviour b, List<BlockBody> answer, Effects fx, int n) {
    return switch (b) {
      case PeerBehaviour.CorruptsBody c -> corruptBody(answer);
      case PeerBehaviour.Sometimes s -> random.nextDouble() < s.probability() ? applyToBodies(s.behaviour(), answer, fx, n) : answer;
      default -> applyCommon(b, answer, fx, n);
    };
  }

  private <T> List<T> applyCommon(PeerBehaviour b, List<T> answer, Effects fx, int n) {
    return switch (b) {
      case PeerBehaviour.Slow s -> {
        fx.extraDelayNanos += s.extraDelay().toNanos();
        yield answer;
      }
      case PeerBehaviour.Stalls s -> {
        fx.stall = true;
        yield answer;
      }
      case PeerBehaviour.AnswersEmpty e -> List.of();
      case PeerBehaviour.AnswersPartially p ->
          answer.size() <= 1 ? answer : List.copyOf(answer.subList(0, Math.max(1, (int) (answer.size() * p.fraction()))));
      case PeerBehaviour.SendsMalformed m -> {
        fx.malformed = true;
        yield answer;
      }
      case PeerBehaviour.DisconnectsMidRequest d -> {
        fx.disconnect |= n > d.answered();
        yield answer;
      }
      case PeerBehaviour.Sometimes s -> random.nextDouble() < s.probability() ? applyCommon(s.behaviour(), answer, fx, n) : answer;
      case PeerBehaviour.Honest h -> answer;
      case PeerBehaviour.ServesFork f -> answer;
      case PeerBehaviour.FloodsAnnouncements f -> answer;
      case PeerBehaviour.JoinsLate j -> answer;
      case PeerBehaviour.ChangesHead c -> answer;
      case PeerBehaviour.CorruptsHeaderByte c -> answer;
      case PeerBehaviour.OutOfOrder o -> answer;
      case PeerBehaviour.LeavesGaps g -> answer;
      case PeerBehaviour.MoreThanAsked m -> answer;
      case PeerBehaviour.CorruptsBody c -> answer;
    };
  }

  private List<BlockHeader> corruptOne(List<BlockHeader> answer) {
    if (answer.isEmpty()) {
      return answer;
    }
    int index = random.nextInt(answer.size());
    BlockHeader original = answer.get(index);
    byte[] bytes = original.encoded().clone();
    Hash root = switch (random.nextInt(3)) {
      case 0 -> original.stateRoot();
      case 1 -> original.transactionsRoot();
      default -> original.receiptsRoot();
    };
    int at = indexOf(bytes, root.unsafeArray()) + random.nextInt(Hash.SIZE);
    bytes[at] ^= (byte) (1 + random.nextInt(255));
    loop.note(id + " corrupts byte " + at + " of #" + original.number());
    List<BlockHeader> out = new ArrayList<>(answer);
    out.set(index, BlockHeader.decode(bytes));
    return out;
  }

  private List<BlockBody> corruptBody(List<BlockBody> answer) {
    if (answer.isEmpty()) {
      return answer;
    }
    int index = random.nextInt(answer.size());
    BlockBody original = answer.get(index);
    List<byte[]> txs = new ArrayList<>(original.transactions());
    txs.add(new byte[] {0x02, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256)});
    loop.note(id + " corrupts the body of " + index + " in its answer");
    List<BlockBody> out = new ArrayList<>(answer);
    out.set(index, new BlockBody(txs, original.ommers(), original.withdrawals(), original.trailingItems()));
    return out;
  }

  private List<BlockHeader> shuffled(List<BlockHeader> answer) {
    if (answer.size() < 2) {
      return answer;
    }
    List<BlockHeader> out = new ArrayList<>(answer);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      BlockHeader t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    if (out.equals(answer)) {
      out.set(0, answer.get(1));
      out.set(1, answer.get(0));
    }
    return out;
  }

  private List<BlockHeader> withGap(List<BlockHeader> answer) {
    if (answer.size() < 3) {
      return answer;
    }
    List<BlockHeader> out = new ArrayList<>(answer);
    out.remove(1 + random.nextInt(answer.size() - 2));
    return out;
  }

  private List<BlockHeader> extended(HeadersRequest request, List<BlockHeader> answer, int extra) {
    if (answer.isEmpty()) {
      return answer;
    }
    List<BlockHeader> out = new ArrayList<>(answer);
    long first = answer.getFirst().number();
    for (int i = answer.size(); i < request.limit() + extra; i++) {
      long number = first + i * request.step();
      if (!served.contains(number)) {
        break;
      }
      out.add(served.header(number));
    }
    return out;
  }

  private void deliver(Effects fx, String what, long bytes, Runnable onAnswer, Consumer<PeerError> onError) {
    long key = nextPending++;
    Runnable onDisconnect = () -> onError.accept(new PeerError(id, PeerError.Kind.DISCONNECTED, "peer disconnected"));
    long latency = profile.latency().toNanos();
    long half = latency / 2;
    if (fx.disconnect) {
      Cancellable c = loop.schedule(Duration.ofNanos(half), id + " disconnects mid-request",
          () -> disconnectNow(DisconnectReason.NETWORK_ERROR));
      pending.put(key, new Pending(c, onDisconnect));
      return;
    }
    if (fx.stall) {
      loop.note(id + " stalls instead of answering with " + what);
      pending.put(key, new Pending(Cancellable.NONE, onDisconnect));
      return;
    }
    long now = loop.nanoTime();
    long start = Math.max(now + half, linkFreeAt);
    long transmit = profile.transmitNanos(bytes);
    linkFreeAt = start + transmit;
    long jitter = profile.jitter().isZero() ? 0 : random.nextLong(profile.jitter().toNanos() + 1);
    long at = start + transmit + (latency - half) + fx.extraDelayNanos + jitter;
    String label = id + (fx.malformed ? " -> malformed answer instead of " : " -> ") + what + ", " + bytes + " bytes";
    Cancellable c = loop.schedule(Duration.ofNanos(at - now), label, () -> {
      pending.remove(key);
      answersSent++;
      if (fx.malformed) {
        onError.accept(new PeerError(id, PeerError.Kind.MALFORMED_MESSAGE, "undecodable answer"));
      } else {
        onAnswer.run();
      }
    });
    pending.put(key, new Pending(c, onDisconnect));
  }

  private void refuse(Consumer<PeerError> onError) {
    loop.schedule(Duration.ZERO, id + " refuses: not connected",
        () -> onError.accept(new PeerError(id, PeerError.Kind.DISCONNECTED, "not connected")));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("field bytes not found in the header's encoding");
  }
}
