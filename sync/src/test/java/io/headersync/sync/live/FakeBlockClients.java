package io.headersync.sync.live;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Headers and bodies clients the test answers by hand, recording every request and report. */
final class FakeBlockClients implements HeadersClient, BodiesClient {

  record Report(PeerId peer, Offence offence, String detail) {}

  /** One submitted request of either kind. */
  static final class Req<Q, T> implements RequestTicket {
    final long id;
    final Q request;
    final RequestOptions options;
    final RequestListener<T> listener;
    boolean cancelled;
    boolean done;

    Req(long id, Q request, RequestOptions options, RequestListener<T> listener) {
      this.id = id;
      this.request = request;
      this.options = options;
      this.listener = listener;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public boolean cancel() {
      boolean was = open();
      cancelled = true;
      return was;
    }

    boolean open() {
      return !cancelled && !done;
    }

    void answer(String peer, T value) {
      if (!open()) {
        throw new IllegalStateException("request " + request + " is not open");
      }
      done = true;
      listener.onResponse(new PeerResponse<>(PeerId.of(peer), value));
    }

    void fail(RequestFailure.Reason reason) {
      if (!open()) {
        throw new IllegalStateException("request " + request + " is not open");
      }
      done = true;
      listener.onFailure(new RequestFailure(reason, 4, "test"));
    }

    @Override
    public String toString() {
      return request + (cancelled ? " cancelled" : done ? " done" : "");
    }
  }

  final List<Req<HeadersRequest, List<BlockHeader>>> headerRequests = new ArrayList<>();
  final List<Req<BodiesRequest, List<BlockBody>>> bodyRequests = new ArrayList<>();
  final List<Report> reports = new ArrayList<>();
  private long nextId = 1;

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    Req<HeadersRequest, List<BlockHeader>> r = new Req<>(nextId++, request, options, listener);
    headerRequests.add(r);
    return r;
  }

  @Override
  public RequestTicket requestBodies(BodiesRequest request, RequestOptions options, RequestListener<List<BlockBody>> listener) {
    Req<BodiesRequest, List<BlockBody>> r = new Req<>(nextId++, request, options, listener);
    bodyRequests.add(r);
    return r;
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }

  List<Req<HeadersRequest, List<BlockHeader>>> openHeaders() {
    return headerRequests.stream().filter(Req::open).toList();
  }

  List<Req<BodiesRequest, List<BlockBody>>> openBodies() {
    return bodyRequests.stream().filter(Req::open).toList();
  }

  /** Hashes asked for in bodies requests not answered yet. */
  int openBodyHashes() {
    return openBodies().stream().mapToInt(r -> r.request.count()).sum();
  }

  /** How many bodies requests ever named {@code hash}. */
  long bodyRequestsFor(Hash hash) {
    return bodyRequests.stream().filter(r -> r.request.hashes().contains(hash)).count();
  }

  Req<BodiesRequest, List<BlockBody>> openBodiesFor(Hash hash) {
    return openBodies().stream().filter(r -> r.request.hashes().contains(hash)).findFirst().orElseThrow(
        () -> new AssertionError("no open bodies request for " + hash + "; open: " + openBodies()));
  }

  Req<HeadersRequest, List<BlockHeader>> openHeaderFor(Hash hash) {
    return openHeaders().stream()
        .filter(r -> r.request.origin() instanceof BlockOrigin.ByHash h && h.hash().equals(hash)).findFirst()
        .orElseThrow(() -> new AssertionError("no open headers request for " + hash + "; open: " + openHeaders()));
  }

  /** The honest answer to a headers request from {@code chain}. */
  static List<BlockHeader> honestHeaders(HeadersRequest request, TestBlocks chain) {
    long origin;
    if (request.origin() instanceof BlockOrigin.ByHash h) {
      OptionalInt n = chain.numberOf(h.hash());
      if (n.isEmpty()) {
        return List.of();
      }
      origin = n.getAsInt();
    } else {
      origin = request.originNumber().orElseThrow();
    }
    List<BlockHeader> out = new ArrayList<>();
    for (int i = 0; i < request.limit(); i++) {
      long n = origin + i * request.step();
      if (n < 0 || n > chain.headNumber()) {
        break;
      }
      out.add(chain.header(n));
    }
    return out;
  }

  /** The honest answer to a bodies request: the bodies of the known blocks, unknown ones left out. */
  static List<BlockBody> honestBodies(BodiesRequest request, TestBlocks chain) {
    List<BlockBody> out = new ArrayList<>();
    for (Hash h : request.hashes()) {
      chain.numberOf(h).ifPresent(n -> out.add(chain.body(n)));
    }
    return out;
  }

  /**
   * Answers the oldest open request honestly, headers before bodies, until none is open, calling
   * {@code afterEach} after every answer; answers how many it answered.
   */
  int serveAll(TestBlocks chain, String peer, Runnable afterEach) {
    int n = 0;
    while (true) {
      var headers = openHeaders();
      if (!headers.isEmpty()) {
        headers.getFirst().answer(peer, honestHeaders(headers.getFirst().request, chain));
      } else {
        var bodies = openBodies();
        if (bodies.isEmpty()) {
          return n;
        }
        bodies.getFirst().answer(peer, honestBodies(bodies.getFirst().request, chain));
      }
      n++;
      afterEach.run();
    }
  }
}
