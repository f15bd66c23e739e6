package io.headersync.node.rpc;

import java.util.List;
import java.util.Objects;

/**
 * One connected peer, as {@code admin_peers} lists it.
 *
 * @param id the peer's node id (hex of the 64-byte public key, without {@code 0x})
 * @param name the client name it announced in its hello
 * @param enode its {@code enode://id@ip:port} URL
 * @param caps the capabilities both sides share, as {@code name/version} (e.g. {@code eth/68})
 * @param localAddress our end of the connection, {@code ip:port}
 * @param remoteAddress its end, {@code ip:port}
 * @param inbound whether the peer dialled us
 */
public record PeerInfo(String id, String name, String enode, List<String> caps, String localAddress,
    String remoteAddress, boolean inbound) {

  public PeerInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(enode, "enode");
    caps = List.copyOf(caps);
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
