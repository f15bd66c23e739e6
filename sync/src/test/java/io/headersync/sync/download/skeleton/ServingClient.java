package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A client that answers every request from the chains its peers serve, 10 ms later on the manual
 * clock, taking peers in turn; a request no peer can answer fails as if every retry came back
 * empty. A peer may tamper with its answers.
 */
final class ServingClient implements HeadersClient {

  private static final class Served {
    final PeerId id;
    final Map<Hash, BlockHeader> byHash = new HashMap<>();
    final Map<Long, BlockHeader> byNumber = new HashMap<>();
    final UnaryOperator<List<BlockHeader>> tamper;

    Served(String id, List<BlockHeader> chain, UnaryOperator<List<BlockHeader>> tamper) {
      this.id = PeerId.of(id);
      this.tamper = tamper;
      for (BlockHeader h : chain) {
        byHash.put(h.hash(), h);
        byNumber.put(h.number(), h);
      }
    }

    List<BlockHeader> answer(HeadersRequest request) {
      BlockHeader origin = switch (request.origin()) {
        case BlockOrigin.ByHash h -> byHash.get(h.hash());
        case BlockOrigin.ByNumber n -> byNumber.get(n.number());
      };
      List<BlockHeader> out = new ArrayList<>();
      if (origin == null) {
        return out;
      }
      long number = origin.number();
      for (int i = 0; i < request.limit() && number >= 0; i++) {
        BlockHeader h = byNumber.get(number);
        if (h == null) {
          break;
        }
        out.add(h);
        number += request.step();
      }
      return tamper.apply(out);
    }
  }

  record Report(PeerId peer, Offence offence, String detail) {}

  private final ManualScheduler loop;
  private final List<Served> peers = new ArrayList<>();
  final List<HeadersRequest> requests = new ArrayList<>();
  final List<Report> reports = new ArrayList<>();
  private int turn;
  private long ids;

  ServingClient(ManualScheduler loop) {
    this.loop = loop;
  }

  ServingClient serve(String peer, List<BlockHeader> chain) {
    return serve(peer, chain, UnaryOperator.identity());
  }

  ServingClient serve(String peer, List<BlockHeader> chain, UnaryOperator<List<BlockHeader>> tamper) {
    peers.removeIf(p -> p.id.value().equals(peer));
    peers.add(new Served(peer, chain, tamper));
    return this;
  }

  boolean reported(String peer) {
    return reports.stream().anyMatch(r -> r.peer().value().equals(peer));
  }

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    requests.add(request);
    boolean[] cancelled = {false};
    long id = ++ids;
    loop.schedule(Duration.ofMillis(10), () -> {
      if (cancelled[0]) {
        return;
      }
      for (int i = 0; i < peers.size(); i++) {
        Served peer = peers.get(turn++ % peers.size());
        List<BlockHeader> answer = peer.answer(request);
        if (!answer.isEmpty()) {
          listener.onResponse(new PeerResponse<>(peer.id, answer));
          return;
        }
      }
      listener.onFailure(new RequestFailure(RequestFailure.Reason.RETRIES_EXHAUSTED, peers.size(), "nobody has it"));
    });
    return new RequestTicket() {
      @Override
      public long id() {
        return id;
      }

      @Override
      public boolean cancel() {
        boolean was = !cancelled[0];
        cancelled[0] = true;
        return was;
      }
    };
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }
}
