package io.headersync.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.trie.TrieRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where chain specifications come from: the shipped presets of the public networks, and any
 * chain described by a geth-style {@code genesis.json}.
 *
 * <h2>Preset format</h2>
 *
 * <p>Each preset is a JSON resource {@code io/headersync/core/chain/<name>.json}, listed in
 * {@code presets.txt} beside it:
 *
 * <ul>
 *   <li>{@code name}, {@code chainId}, {@code networkId};
 *   <li>{@code sealEngine}: {@code "ethash"}, {@code "none"} or {@code {"clique": {"period": s, "epoch": n}}};
 *   <li>{@code terminalTotalDifficulty}: decimal string, absent when the chain never merges;
 *   <li>{@code forks}: fork name (the {@link Fork} constant in lower camel case: {@code tangerineWhistle})
 *       → block number, or timestamp for time-based forks;
 *   <li>{@code blobSchedule}: fork name → {@code {target, max, baseFeeUpdateFraction}};
 *   <li>{@code genesis}: the genesis header's own fields, as in a {@code genesis.json}, plus its
 *       {@code stateRoot} (the allocation itself is not shipped; mainnet's holds 8,893 accounts);
 *   <li>{@code genesisHash}: checked against the hash of the header built from the above;
 *   <li>{@code bootnodes}: enode URLs.
 * </ul>
 */
public final class ChainSpecs {

  private static final String RESOURCE_DIR = "/io/headersync/core/chain/";
  private static final String PRESET_INDEX = RESOURCE_DIR + "presets.txt";

  /** Blob parameters of Cancun (EIP-4844), for a genesis that schedules Cancun without a blob schedule. */
  static final BlobSchedule CANCUN_BLOBS = new BlobSchedule(3, 6, 3_338_477);
  /** Blob parameters of Prague (EIP-7691), for a genesis that schedules Prague or Osaka without a blob schedule. */
  static final BlobSchedule PRAGUE_BLOBS = new BlobSchedule(6, 9, 5_007_716);

  /** Epoch length of a clique chain whose genesis states none (EIP-225). */
  static final long DEFAULT_CLIQUE_EPOCH = 30_000;

  private static final Map<String, ChainSpec> PRESETS = new ConcurrentHashMap<>();

  private ChainSpecs() {}

  /** The names of the shipped presets, in the order they are listed. */
  public static List<String> presetNames() {
    return PresetIndex.NAMES;
  }

  /**
   * The shipped preset {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static ChainSpec preset(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (!PresetIndex.NAMES.contains(key)) {
      throw new IllegalArgumentException("unknown chain \"" + name + "\"; known chains: " + String.join(", ", PresetIndex.NAMES));
    }
    return PRESETS.computeIfAbsent(key, ChainSpecs::loadPreset);
  }

  /**
   * Reads a geth-style {@code genesis.json}: fork schedule and seal engine from {@code config},
   * the genesis header from the top-level fields, the state root from {@code alloc}.
   *
   * @throws ChainSpecException naming the file and the field, for anything missing or malformed
   */
  public static ChainSpec fromGenesisJson(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
      return fromGenesisJson(in, source, stem);
    } catch (NoSuchFileException e) {
      throw new ChainSpecException(source, "", "no such file", e);
    } catch (IOException e) {
      throw new ChainSpecException(source, "", "cannot be read: " + e.getMessage(), e);
    }
  }

  /** As {@link #fromGenesisJson(Path)}, from a stream; {@code source} names it in errors. */
  public static ChainSpec fromGenesisJson(InputStream in, String source, String chainName) {
    JsonFields json = new JsonFields(source);
    JsonNode root = json.parse(in);
    return GenesisJson.read(json, root, chainName);
  }

  // ---- presets ----

  private static ChainSpec loadPreset(String name) {
    String resource = RESOURCE_DIR + name + ".json";
    String source = "preset " + name + " (" + resource.substring(1) + ")";
    try (InputStream in = ChainSpecs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ChainSpecException(source, "", "resource missing from the build");
      }
      JsonFields json = new JsonFields(source);
      return readPreset(json, json.parse(in));
    } catch (IOException e) {
      throw new ChainSpecException(source, "", "cannot be read: " + e.getMessage(), e);
    }
  }

  private static ChainSpec readPreset(JsonFields json, JsonNode root) {
    String name = json.text(root, "name", "");
    long chainId = requiredUint63(json, root, "chainId", "");
    long networkId = json.uint63(root, "networkId", "", chainId);
    BigInteger ttd = JsonFields.has(root, "terminalTotalDifficulty")
        ? json.uint256(root, "terminalTotalDifficulty", "", null) : null;

    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    Map<Fork, String> fields = new EnumMap<>(Fork.class);
    JsonNode forkNode = json.object(root, "forks", "", true);
    for (Iterator<Map.Entry<String, JsonNode>> it = forkNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "forks." + e.getKey();
      Fork fork = forkNamed(e.getKey());
      if (fork == null) {
        throw json.error(path, "unknown fork; known: " + knownForkNames());
      }
      forks.put(fork, json.quantity(e.getValue(), path, 63).longValueExact());
      fields.put(fork, path);
    }
    completeMerge(forks, ttd);
    checkForkOrder(json, forks, fields);

    Map<Fork, BlobSchedule> blobs = readBlobSchedules(json, root, "blobSchedule", "");
    completeBlobSchedules(json, forks, blobs, "blobSchedule");

    SealEngine seal = readSealEngine(json, root);
    JsonNode genesis = json.object(root, "genesis", "", true);
    Hash stateRoot = json.hash(genesis, "stateRoot", "genesis", null);
    if (stateRoot == null) {
      throw json.error("genesis.stateRoot", "missing");
    }
    BlockHeader header = GenesisHeaders.build(json, genesis, "genesis", stateRoot, forks, seal instanceof SealEngine.Ethash);
    Hash declared = json.hash(root, "genesisHash", "", null);
    if (declared == null) {
      throw json.error("genesisHash", "missing");
    }
    if (!declared.equals(header.hash())) {
      throw json.error("genesisHash", "declared " + declared + " but the genesis fields hash to " + header.hash());
    }
    List<String> bootnodes = new ArrayList<>();
    JsonNode boot = root.get("bootnodes");
    if (boot != null && !boot.isNull()) {
      if (!boot.isArray()) {
        throw json.error("bootnodes", "expected an array, found " + JsonFields.describe(boot));
      }
      for (int i = 0; i < boot.size(); i++) {
        JsonNode n = boot.get(i);
        if (!n.isTextual() || !n.textValue().startsWith("enode://")) {
          throw json.error("bootnodes[" + i + "]", "expected an enode:// URL, found " + JsonFields.describe(n));
        }
        bootnodes.add(n.textValue());
      }
    }
    return new ChainSpec(name, chainId, networkId, header, forks, ttd, blobs, seal, bootnodes);
  }

  private static SealEngine readSealEngine(JsonFields json, JsonNode root) {
    JsonNode v = root.get("sealEngine");
    if (v == null || v.isNull()) {
      throw json.error("sealEngine", "missing");
    }
    if (v.isTextual()) {
      return switch (v.textValue()) {
        case "ethash" -> new SealEngine.Ethash();
        case "none" -> new SealEngine.None();
        default -> throw json.error("sealEngine", "expected \"ethash\", \"none\" or {\"clique\": {…}}, found \"" + v.textValue() + "\"");
      };
    }
    JsonNode clique = v.isObject() ? json.object(v, "clique", "sealEngine", false) : null;
    if (clique == null) {
      throw json.error("sealEngine", "expected \"ethash\", \"none\" or {\"clique\": {…}}, found " + JsonFields.describe(v));
    }
    return cliqueEngine(json, clique, "sealEngine.clique");
  }

  // ---- shared by presets and genesis.json ----

  static long requiredUint63(JsonFields json, JsonNode parent, String name, String parentPath) {
    Long v = json.optionalUint63(parent, name, parentPath);
    if (v == null) {
      throw json.error(JsonFields.path(parentPath, name), "missing");
    }
    return v;
  }

  static SealEngine cliqueEngine(JsonFields json, JsonNode clique, String path) {
    long period = json.uint63(clique, "period", path, 0);
    long epoch = json.uint63(clique, "epoch", path, 0);
    return new SealEngine.Clique(period, epoch == 0 ? DEFAULT_CLIQUE_EPOCH : epoch);
  }

  /**
   * A chain whose terminal total difficulty is zero is proof of stake from its first block:
   * Paris is then active from genesis even when no netsplit block is named.
   */
  static void completeMerge(Map<Fork, Long> forks, BigInteger ttd) {
    if (ttd != null && ttd.signum() == 0) {
      forks.putIfAbsent(Fork.PARIS, 0L);
    }
  }

  /** Forks a chain may leave out without leaving out the ones after them. */
  private static boolean optional(Fork fork) {
    return switch (fork) {
      case DAO, MUIR_GLACIER, ARROW_GLACIER, GRAY_GLACIER, PARIS -> true;
      default -> false;
    };
  }

  /**
   * Block-based forks must be scheduled in order, and so must time-based ones (a block number and
   * a timestamp cannot be compared). A fork that is not optional cannot be left out while a later
   * one, of either kind, is scheduled.
   */
  static void checkForkOrder(JsonFields json, Map<Fork, Long> forks, Map<Fork, String> fields) {
    Fork previous = null;
    Fork missing = null;
    for (Fork fork : Fork.values()) {
      if (fork == Fork.FRONTIER) {
        continue;
      }
      if (previous != null && previous.timeBased() != fork.timeBased()) {
        previous = null;
      }
      Long at = forks.get(fork);
      if (at == null) {
        if (!optional(fork) && missing == null) {
          missing = fork;
        }
        continue;
      }
      String field = fields.getOrDefault(fork, fork.name());
      if (missing != null) {
        throw json.error(field, "scheduled, but the earlier fork " + lowerCamel(missing) + " is not");
      }
      if (previous != null && at < forks.get(previous)) {
        throw json.error(field, "at " + at + ", before " + lowerCamel(previous) + " at " + forks.get(previous));
      }
      previous = fork;
    }
  }

  static Map<Fork, BlobSchedule> readBlobSchedules(JsonFields json, JsonNode parent, String name, String parentPath) {
    Map<Fork, BlobSchedule> blobs = new EnumMap<>(Fork.class);
    String path = JsonFields.path(parentPath, name);
    JsonNode node = json.object(parent, name, parentPath, false);
    if (node == null) {
      return blobs;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String entryPath = path + "." + e.getKey();
      Fork fork = forkNamed(e.getKey());
      if (fork == null || !fork.timeBased() || fork.ordinal() < Fork.CANCUN.ordinal()) {
        throw json.error(entryPath, "not a fork with blob parameters (cancun, prague, osaka, bpo1 … bpo5)");
      }
      if (!e.getValue().isObject()) {
        throw json.error(entryPath, "expected an object, found " + JsonFields.describe(e.getValue()));
      }
      JsonNode s = e.getValue();
      int target = (int) Math.min(Integer.MAX_VALUE, requiredUint63(json, s, "target", entryPath));
      int max = (int) Math.min(Integer.MAX_VALUE, requiredUint63(json, s, "max", entryPath));
      long fraction = requiredUint63(json, s, "baseFeeUpdateFraction", entryPath);
      try {
        blobs.put(fork, new BlobSchedule(target, max, fraction));
      } catch (IllegalArgumentException ex) {
        throw json.error(entryPath, ex.getMessage());
      }
    }
    return blobs;
  }

  /**
   * Cancun and Prague have well-known blob parameters that older genesis files leave out; a
   * blob-parameter-only fork (BPO) means nothing without its own entry.
   */
  static void completeBlobSchedules(JsonFields json, Map<Fork, Long> forks, Map<Fork, BlobSchedule> blobs, String path) {
    if (forks.containsKey(Fork.CANCUN)) {
      blobs.putIfAbsent(Fork.CANCUN, CANCUN_BLOBS);
    }
    if (forks.containsKey(Fork.PRAGUE)) {
      blobs.putIfAbsent(Fork.PRAGUE, PRAGUE_BLOBS);
    }
    for (Fork bpo : List.of(Fork.BPO1, Fork.BPO2, Fork.BPO3, Fork.BPO4, Fork.BPO5)) {
      if (forks.containsKey(bpo) && !blobs.containsKey(bpo)) {
        throw json.error(path + "." + lowerCamel(bpo), "missing: " + lowerCamel(bpo) + " is scheduled and only changes blob parameters");
      }
    }
  }

  /** The fork called {@code name} in lower camel case ({@code tangerineWhistle}), or null. */
  static Fork forkNamed(String name) {
    for (Fork f : Fork.values()) {
      if (lowerCamel(f).equals(name)) {
        return f;
      }
    }
    return null;
  }

  static String lowerCamel(Fork fork) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : fork.name().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  private static String knownForkNames() {
    List<String> names = new ArrayList<>();
    for (Fork f : Fork.values()) {
      names.add(lowerCamel(f));
    }
    return String.join(", ", names);
  }

  /** The preset index, read once. */
  private static final class PresetIndex {
    static final List<String> NAMES = read();

    private static List<String> read() {
      try (InputStream in = ChainSpecs.class.getResourceAsStream(PRESET_INDEX)) {
        if (in == null) {
          throw new IllegalStateException("preset index " + PRESET_INDEX + " missing from the build");
        }
        List<String> names = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String s = line.strip();
          if (!s.isEmpty() && !s.startsWith("#")) {
            names.add(s.toLowerCase(Locale.ROOT));
          }
        }
        return List.copyOf(names);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads geth's genesis format. */
  private static final class GenesisJson {

    /** geth's config keys of block-based forks, in schedule order. */
    private static final Map<String, Fork> BLOCK_KEYS = new LinkedHashMap<>();
    /** geth's config keys of time-based forks. */
    private static final Map<String, Fork> TIME_KEYS = new LinkedHashMap<>();
    /** Forks geth knows and this version cannot follow; scheduling one is an error, not a silent drop. */
    private static final List<String> UNSUPPORTED_KEYS = List.of("amsterdamTime", "verkleTime", "eofBlock", "cancunBlock", "shanghaiBlock");

    static {
      BLOCK_KEYS.put("homesteadBlock", Fork.HOMESTEAD);
      BLOCK_KEYS.put("daoForkBlock", Fork.DAO);
      BLOCK_KEYS.put("eip150Block", Fork.TANGERINE_WHISTLE);
      BLOCK_KEYS.put("eip155Block", Fork.SPURIOUS_DRAGON);
      BLOCK_KEYS.put("byzantiumBlock", Fork.BYZANTIUM);
      BLOCK_KEYS.put("constantinopleBlock", Fork.CONSTANTINOPLE);
      BLOCK_KEYS.put("petersburgBlock", Fork.PETERSBURG);
      BLOCK_KEYS.put("istanbulBlock", Fork.ISTANBUL);
      BLOCK_KEYS.put("muirGlacierBlock", Fork.MUIR_GLACIER);
      BLOCK_KEYS.put("berlinBlock", Fork.BERLIN);
      BLOCK_KEYS.put("londonBlock", Fork.LONDON);
      BLOCK_KEYS.put("arrowGlacierBlock", Fork.ARROW_GLACIER);
      BLOCK_KEYS.put("grayGlacierBlock", Fork.GRAY_GLACIER);
      BLOCK_KEYS.put("mergeNetsplitBlock", Fork.PARIS);
      TIME_KEYS.put("shanghaiTime", Fork.SHANGHAI);
      TIME_KEYS.put("cancunTime", Fork.CANCUN);
      TIME_KEYS.put("pragueTime", Fork.PRAGUE);
      TIME_KEYS.put("osakaTime", Fork.OSAKA);
      TIME_KEYS.put("bpo1Time", Fork.BPO1);
      TIME_KEYS.put("bpo2Time", Fork.BPO2);
      TIME_KEYS.put("bpo3Time", Fork.BPO3);
      TIME_KEYS.put("bpo4Time", Fork.BPO4);
      TIME_KEYS.put("bpo5Time", Fork.BPO5);
    }

    static ChainSpec read(JsonFields json, JsonNode root, String chainName) {
      JsonNode config = json.object(root, "config", "", true);
      long chainId = requiredUint63(json, config, "chainId", "config");
      for (String key : UNSUPPORTED_KEYS) {
        if (JsonFields.has(config, key)) {
          throw json.error("config." + key, "this fork is not supported by this version");
        }
      }
      Map<Fork, Long> forks = new EnumMap<>(Fork.class);
      Map<Fork, String> fields = new EnumMap<>(Fork.class);
      readForks(json, config, BLOCK_KEYS, forks, fields);
      readForks(json, config, TIME_KEYS, forks, fields);
      readSpuriousDragon(json, config, forks, fields);
      if (forks.containsKey(Fork.DAO) && config.has("daoForkSupport") && !config.get("daoForkSupport").asBoolean(true)) {
        throw json.error("config.daoForkSupport", "false: chains that reject the DAO fork are not supported");
      }
      // geth runs Petersburg with Constantinople when no block of its own is given.
      if (!forks.containsKey(Fork.PETERSBURG) && forks.containsKey(Fork.CONSTANTINOPLE)) {
        forks.put(Fork.PETERSBURG, forks.get(Fork.CONSTANTINOPLE));
        fields.put(Fork.PETERSBURG, fields.get(Fork.CONSTANTINOPLE));
      }
      BigInteger ttd = json.uint256(config, "terminalTotalDifficulty", "config", null);
      completeMerge(forks, ttd);
      checkForkOrder(json, forks, fields);

      Map<Fork, BlobSchedule> blobs = readBlobSchedules(json, config, "blobSchedule", "config");
      completeBlobSchedules(json, forks, blobs, "config.blobSchedule");

      SealEngine seal;
      if (ttd != null && ttd.signum() == 0) {
        seal = new SealEngine.None();
      } else if (JsonFields.has(config, "clique")) {
        seal = cliqueEngine(json, json.object(config, "clique", "config", true), "config.clique");
      } else {
        seal = new SealEngine.Ethash();
      }

      Hash stateRoot = stateRoot(json, root);
      BlockHeader header = GenesisHeaders.build(json, root, "", stateRoot, forks, seal instanceof SealEngine.Ethash);
      return new ChainSpec(chainName, chainId, chainId, header, forks, ttd, blobs, seal, List.of());
    }

    private static void readForks(JsonFields json, JsonNode config, Map<String, Fork> keys, Map<Fork, Long> forks, Map<Fork, String> fields) {
      for (Map.Entry<String, Fork> e : keys.entrySet()) {
        Long at = json.optionalUint63(config, e.getKey(), "config");
        if (at != null) {
          forks.put(e.getValue(), at);
          fields.put(e.getValue(), "config." + e.getKey());
        }
      }
    }

    /** EIP-155 and EIP-158 shipped together as Spurious Dragon; a chain that split them cannot be followed. */
    private static void readSpuriousDragon(JsonFields json, JsonNode config, Map<Fork, Long> forks, Map<Fork, String> fields) {
      Long eip158 = json.optionalUint63(config, "eip158Block", "config");
      if (eip158 == null) {
        return;
      }
      Long eip155 = forks.get(Fork.SPURIOUS_DRAGON);
      if (eip155 == null) {
        forks.put(Fork.SPURIOUS_DRAGON, eip158);
        fields.put(Fork.SPURIOUS_DRAGON, "config.eip158Block");
      } else if (!eip155.equals(eip158)) {
        throw json.error("config.eip158Block", "at " + eip158 + " but eip155Block at " + eip155 + "; they must be equal (Spurious Dragon)");
      }
    }

    private static Hash stateRoot(JsonFields json, JsonNode root) {
      JsonNode alloc = json.object(root, "alloc", "", false);
      if (alloc == null) {
        return TrieRoot.EMPTY;
      }
      Map<Address, GenesisAccount> accounts = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = alloc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "alloc." + e.getKey();
        Address address = json.address(e.getKey(), path);
        if (!e.getValue().isObject()) {
          throw json.error(path, "expected an object, found " + JsonFields.describe(e.getValue()));
        }
        if (accounts.containsKey(address)) {
          throw json.error(path, "the same address is allocated twice");
        }
        accounts.put(address, account(json, e.getValue(), path));
      }
      return GenesisAccount.stateRoot(accounts);
    }

    private static GenesisAccount account(JsonFields json, JsonNode a, String path) {
      // geth insists on a balance; other clients, and older genesis files for contracts, let it default to zero.
      BigInteger balance = json.uint256(a, "balance", path, BigInteger.ZERO);
      long nonce = json.uint63(a, "nonce", path, 0);
      byte[] code = json.bytes(a, "code", path, new byte[0]);
      Map<Hash, Hash> storage = new LinkedHashMap<>();
      JsonNode s = json.object(a, "storage", path, false);
      if (s != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String slotPath = path + ".storage." + e.getKey();
          Hash slot = Hash.wrap(json.fixed(new TextNode(e.getKey()), slotPath, Hash.SIZE, true));
          Hash word = Hash.wrap(json.fixed(e.getValue(), slotPath, Hash.SIZE, true));
          if (storage.put(slot, word) != null) {
            throw json.error(slotPath, "the same slot is set twice");
          }
        }
      }
      return new GenesisAccount(nonce, balance, code, storage);
    }
  }
}
