package io.headersync.p2p.eth;

import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import java.util.List;

/**
 * Answers a peer's requests from local data; the session wraps the answer in the response
 * message. Implemented over the store by {@code io.headersync.p2p.server}. Called from session
 * threads, concurrently for different peers.
 */
public interface RequestServer {

  /** Serves nothing: every answer is empty. */
  RequestServer EMPTY = new RequestServer() {
    @Override
    public List<byte[]> headers(GetBlockHeaders request) {
      return List.of();
    }

    @Override
    public List<byte[]> bodies(GetBlockBodies request) {
      return List.of();
    }
  };

  /** The encoded headers that answer {@code request}, in answer order. */
  List<byte[]> headers(GetBlockHeaders request);

  /** The encoded bodies that answer {@code request}: a prefix of those asked for. */
  List<byte[]> bodies(GetBlockBodies request);
}
