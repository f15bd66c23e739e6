package io.headersync.node.cli;

import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.metrics.MetricsOptions;
import io.headersync.node.metrics.MetricsServer;
import io.headersync.node.metrics.NodeMetrics;
import io.headersync.node.progress.LogOptions;
import io.headersync.node.rpc.server.RpcOptions;
import io.headersync.node.wiring.NodeRuntime;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.peers.PeerLists;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code headersync serve}: answer peers' header and body requests from a data directory over devp2p. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Serves the headers (and any bodies) a data directory holds to devp2p peers over eth/68 and eth/69, and "
            + "announces new heads to them. Prints its enode URL on the first line of standard output, then runs until "
            + "SIGTERM or Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory (created if absent).")
  Path datadir;

  @Mixin
  ChainOptions chain;

  @Mixin
  StoreOptions storeOptions;

  @Mixin
  NetworkOptions network;

  @Mixin
  LogOptions logging;

  @Mixin
  MetricsOptions metricsOptions;

  @Mixin
  RpcOptions rpc;

  @Override
  public Integer call() throws InterruptedException {
    ChainSpec chainSpec = chain.resolve(spec);
    P2pConfig p2p = network.config(spec);
    try (ShutdownGuard guard = ShutdownGuard.install("serve");
        HeaderStore store = guard.closeOnStop(Stores.open(datadir, chainSpec, storeOptions));
        NodeMetrics metrics = new NodeMetrics(metricsOptions.config())) {
      NodeKey key = network.nodeKey(datadir);
      CountDownLatch stop = new CountDownLatch(1);
      guard.onStop(stop::countDown);
      try (NodeRuntime node = NodeRuntime.builder(chainSpec, store, key, p2p).metrics(metrics).rpc(rpc.options()).start()) {
        Optional<MetricsServer> server = NetworkOptions.startMetrics(metricsOptions, metrics);
        try {
          PrintWriter out = spec.commandLine().getOut();
          out.println(node.enode());
          BlockRef head = store.head().orElseThrow();
          out.printf("serving %s: headers up to #%d %s%n", chainSpec.name(), head.number(), head.hash().toHex());
          out.flush();
          stop.await();
        } finally {
          server.ifPresent(MetricsServer::close);
        }
      } catch (UncheckedIOException e) {
        throw new CommandFailure(ExitCodes.IO, e.getMessage(), e);
      }
    }
    return ExitCodes.OK;
  }

  /** The devp2p flags {@code serve} and {@code sync} share. */
  static final class NetworkOptions {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "30303",
        description = "TCP port of RLPx, and UDP port of discovery (0: any free port; the enode URL printed tells "
            + "which). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--listen-addr", paramLabel = "ADDR", defaultValue = "0.0.0.0",
        description = "Address to listen on (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
    String listenAddress;

    @Option(names = "--advertise-host", paramLabel = "HOST",
        description = "Host written in our enode URL (a node behind NAT gives its public address). Default: the "
            + "listen address, or 127.0.0.1 when listening on every interface.")
    String advertiseHost;

    @Option(names = "--nodekey", paramLabel = "FILE",
        description = "The node's private key (64 hex digits, as geth's --nodekey), created with a fresh key when "
            + "absent. Default: DIR/nodekey, so the enode URL stays the same across restarts.")
    Path nodeKey;

    @Option(names = "--bootnodes", paramLabel = "ENODE", split = ",",
        description = "Discovery entry points, comma-separated enode URLs; also dialed as peer candidates. "
            + "Default: none.")
    List<String> bootnodes = new ArrayList<>();

    @Option(names = "--peers", paramLabel = "ENODE", split = ",",
        description = "Static peers, comma-separated enode URLs: dialed at start and again after every disconnect "
            + "(with back-off). Default: none.")
    List<String> staticPeers = new ArrayList<>();

    @Option(names = "--trusted-peers", paramLabel = "ENODE", split = ",",
        description = "Trusted peers, comma-separated enode URLs: always admitted beyond --maxpeers, kept connected, "
            + "never dropped by this node's own choice. Default: none.")
    List<String> trustedPeers = new ArrayList<>();

    @Option(names = "--allowed-peers", paramLabel = "ID", split = ",",
        description = "Allowed-only mode: node ids (128 hex digits) or enode URLs; when given, no other node is "
            + "admitted (static and trusted peers are always admitted). Default: none, every node may connect.")
    List<String> allowedPeers = new ArrayList<>();

    @Option(names = "--blocked-peers", paramLabel = "ID", split = ",",
        description = "Node ids (128 hex digits) or enode URLs never admitted. Default: none.")
    List<String> blockedPeers = new ArrayList<>();

    @Option(names = "--maxpeers", paramLabel = "N", defaultValue = "50",
        description = "Most peers kept at once, trusted peers not counted; at most 60% of them may be inbound. "
            + "Default: ${DEFAULT-VALUE}.")
    int maxPeers;

    @Option(names = "--no-discovery", defaultValue = "false",
        description = "Turn discv4 off: dial only --peers, --trusted-peers and --bootnodes, and accept inbound "
            + "sessions. Default: ${DEFAULT-VALUE} (discovery on).")
    boolean noDiscovery;

    // Advanced: which eth versions to offer, e.g. to test eth/68 or eth/69 sessions alone.
    @Option(names = "--eth-versions", paramLabel = "V", split = ",", hidden = true, converter = EthVersionConverter.class,
        description = "eth versions offered, comma-separated: 68, 69 (default: both).")
    List<EthVersion> ethVersions = new ArrayList<>();

    P2pConfig config(CommandSpec command) {
      if (port < 0 || port > 65535) {
        throw new ParameterException(command.commandLine(), "--port must be between 0 and 65535, got " + port);
      }
      if (maxPeers < 0) {
        throw new ParameterException(command.commandLine(), "--maxpeers must not be negative, got " + maxPeers);
      }
      List<Enode> statics = enodes(command, "--peers", staticPeers);
      List<Enode> trusted = enodes(command, "--trusted-peers", trustedPeers);
      Set<NodeId> trustedIds = new HashSet<>();
      trusted.forEach(e -> trustedIds.add(e.id()));
      List<Enode> dialed = new ArrayList<>(statics);
      dialed.addAll(trusted);
      PeerLists lists = new PeerLists(trustedIds, ids(command, "--allowed-peers", allowedPeers),
          ids(command, "--blocked-peers", blockedPeers));
      P2pConfig c = P2pConfig.DEFAULT.withListen(listenAddress, port).withAdvertisedHost(advertiseHost)
          .withDiscovery(!noDiscovery).withStaticPeers(dialed).withBootnodes(enodes(command, "--bootnodes", bootnodes))
          .withLists(lists).withPeers(P2pConfig.DEFAULT.peers().withMaxPeers(maxPeers));
      return ethVersions.isEmpty() ? c : c.withEthVersions(List.copyOf(new java.util.LinkedHashSet<>(ethVersions)));
    }

    NodeKey nodeKey(Path datadir) {
      Path file = nodeKey != null ? nodeKey : datadir.resolve("nodekey");
      try {
        return NodeKey.loadOrCreate(file);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.INVALID, e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new CommandFailure(ExitCodes.IO, "cannot read or write the node key " + file + ": " + e.getMessage(), e);
      }
    }

    static Optional<MetricsServer> startMetrics(MetricsOptions options, NodeMetrics metrics) {
      try {
        return options.start(metrics);
      } catch (UncheckedIOException e) {
        throw new CommandFailure(ExitCodes.IO, e.getMessage(), e);
      }
    }

    private static List<Enode> enodes(CommandSpec command, String flag, List<String> values) {
      List<Enode> out = new ArrayList<>();
      for (String v : values) {
        if (v.isBlank()) {
          continue;
        }
        try {
          out.add(Enode.parse(v));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(command.commandLine(), flag + ": " + e.getMessage());
        }
      }
      return out;
    }

    private static Set<NodeId> ids(CommandSpec command, String flag, List<String> values) {
      Set<NodeId> out = new HashSet<>();
      for (String v : values) {
        String t = v.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("enode://")) {
          out.add(enodes(command, flag, List.of(t)).getFirst().id());
        } else if (t.matches("(0x)?[0-9a-fA-F]{128}")) {
          out.add(NodeId.of(Hex.decode(t)));
        } else {
          throw new ParameterException(command.commandLine(), flag + ": expected a node id (128 hex digits) or an "
              + "enode URL, got '" + v + "'");
        }
      }
      return out;
    }
  }

  /** {@code 68} or {@code 69}. */
  static final class EthVersionConverter implements ITypeConverter<EthVersion> {
    @Override
    public EthVersion convert(String value) {
      return switch (value.strip()) {
        case "68", "eth/68" -> EthVersion.ETH68;
        case "69", "eth/69" -> EthVersion.ETH69;
        default -> throw new TypeConversionException("expected 68 or 69, got '" + value + "'");
      };
    }
  }
}
