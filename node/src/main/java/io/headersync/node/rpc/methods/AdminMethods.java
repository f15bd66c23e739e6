package io.headersync.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.node.rpc.NodeInfo;
import io.headersync.node.rpc.PeerInfo;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.jsonrpc.JsonRpcException;
import io.headersync.node.rpc.jsonrpc.MethodRegistry;
import io.headersync.store.BlockRef;
import java.util.List;

/**
 * {@code admin_peers} and {@code admin_nodeInfo}, in geth's shapes (which tools such as
 * dashboards and network crawlers read): peers with {@code enode}, {@code id}, {@code name},
 * {@code caps}, {@code network} and {@code protocols}; the node with its enode, ports and the
 * {@code eth} protocol's network, genesis and head.
 */
public final class AdminMethods {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final RpcBackend backend;

  public AdminMethods(RpcBackend backend) {
    this.backend = backend;
  }

  public MethodRegistry registerInto(MethodRegistry registry) {
    return registry
        .register("admin_peers", (p, c) -> {
          p.atMost(0);
          ArrayNode out = NODES.arrayNode();
          for (PeerInfo peer : backend.peers().peers()) {
            out.add(peer(peer));
          }
          return out;
        })
        .register("admin_nodeInfo", (p, c) -> {
          p.atMost(0);
          NodeInfo info = backend.peers().nodeInfo().orElseThrow(() ->
              new JsonRpcException(JsonRpcException.SERVER_ERROR, "no p2p node is running"));
          return nodeInfo(info);
        });
  }

  private static JsonNode peer(PeerInfo peer) {
    ObjectNode o = NODES.objectNode();
    o.put("enode", peer.enode());
    o.put("id", peer.id());
    o.put("name", peer.name());
    ArrayNode caps = o.putArray("caps");
    peer.caps().forEach(caps::add);
    ObjectNode network = o.putObject("network");
    network.put("localAddress", peer.localAddress());
    network.put("remoteAddress", peer.remoteAddress());
    network.put("inbound", peer.inbound());
    ObjectNode protocols = o.putObject("protocols");
    int eth = highestVersion(peer.caps(), "eth");
    if (eth >= 0) {
      protocols.putObject("eth").put("version", eth);
    }
    return o;
  }

  private JsonNode nodeInfo(NodeInfo info) {
    ObjectNode o = NODES.objectNode();
    o.put("id", info.id());
    o.put("name", info.name());
    o.put("enode", info.enode());
    o.put("ip", info.ip());
    ObjectNode ports = o.putObject("ports");
    ports.put("discovery", info.discoveryPort());
    ports.put("listener", info.listenerPort());
    o.put("listenAddr", (info.ip().contains(":") ? "[" + info.ip() + "]" : info.ip()) + ":" + info.listenerPort());
    ObjectNode protocols = o.putObject("protocols");
    if (highestVersion(info.caps(), "eth") >= 0) {
      ObjectNode eth = protocols.putObject("eth");
      eth.put("network", backend.networkId());
      eth.put("genesis", backend.store().genesisHash().toHex());
      backend.store().head().map(BlockRef::hash).ifPresent(h -> eth.put("head", h.toHex()));
    }
    return o;
  }

  /** The highest version of {@code protocol} among {@code name/version} capabilities, or -1. */
  static int highestVersion(List<String> caps, String protocol) {
    int best = -1;
    for (String cap : caps) {
      int slash = cap.indexOf('/');
      if (slash > 0 && cap.substring(0, slash).equals(protocol)) {
        try {
          best = Math.max(best, Integer.parseInt(cap.substring(slash + 1)));
        } catch (NumberFormatException ignored) {
          // a capability with a non-numeric version is not one we can rank; skip it
        }
      }
    }
    return best;
  }
}
