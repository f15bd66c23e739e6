package io.headersync.node.rpc;

import java.util.Locale;

/** The client version string in the {@code name/version/os-arch/runtime} shape other clients use. */
public final class ClientVersion {

  /** {@code headersync/v<jar version or "development">/<os>-<arch>/java<feature>}. */
  public static final String DEFAULT = of();

  private ClientVersion() {}

  private static String of() {
    String v = ClientVersion.class.getPackage().getImplementationVersion();
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '_');
    String arch = System.getProperty("os.arch", "unknown");
    return "headersync/v" + (v == null ? "development" : v) + "/" + os + "-" + arch + "/java" + Runtime.version().feature();
  }
}
