package io.headersync.node.rpc.server;

import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;

/**
 * Decides whether an HTTP request (or a WebSocket upgrade request) may be served; a refused one
 * gets HTTP 401 with the reason as its body.
 */
@FunctionalInterface
public interface HttpAuthenticator {

  /** Lets every request through: the public endpoints, bound to loopback by default. */
  HttpAuthenticator NONE = request -> Optional.empty();

  /** Why {@code request} is refused, or empty to let it through. */
  Optional<String> refuse(HttpRequest request);
}
