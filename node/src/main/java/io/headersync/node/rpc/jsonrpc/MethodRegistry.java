package io.headersync.node.rpc.jsonrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Methods by name. Filled once before the server starts; read concurrently afterwards. */
public final class MethodRegistry {

  private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

  /** Adds {@code method}; a name can be registered once. */
  public MethodRegistry register(String name, RpcMethod method) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    if (methods.putIfAbsent(name, method) != null) {
      throw new IllegalArgumentException("method " + name + " is registered twice");
    }
    return this;
  }

  /** Adds every method of {@code other}. */
  public MethodRegistry registerAll(MethodRegistry other) {
    other.methods.forEach(this::register);
    return this;
  }

  public Optional<RpcMethod> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(methods.keySet()));
  }
}
