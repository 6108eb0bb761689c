package org.bcos.ledger.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.MessageCodec;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.TxRejection;

/**
 * The ledger modules of a chain, built once: the one table that feeds message decoding and
 * dispatch, the state schema, genesis, the chain parameters, the supply invariant, end-of-block
 * work and the api lookup. Building it checks that no two modules claim one name, message tag,
 * message class, column id, rejection code or name, parameter name or api type.
 */
public final class ModuleRegistry implements MessageCodec {
  private final List<LedgerModule> modules;
  private final Map<Integer, MessageType<?>> byTag = new LinkedHashMap<>();
  private final Map<Class<?>, MessageType<?>> byClass = new LinkedHashMap<>();
  private final Map<Class<?>, LedgerModule> moduleByClass = new LinkedHashMap<>();
  private final Map<Integer, Rejection> rejectionsByCode = new LinkedHashMap<>();
  private final Map<String, ParamSpec> params = new LinkedHashMap<>();
  private final Map<Class<?>, ApiBinding<?>> apis = new LinkedHashMap<>();
  private final List<Column> stateColumns = new ArrayList<>();
  private final List<Holding> holdings = new ArrayList<>();
  private final ProtocolVersions versions;

  /**
   * The registry of {@code modules} under which every module is active in every version, from the
   * genesis default up to the newest version a parameter of theirs names (tools and tests that do
   * not upgrade: a chain at the default version runs without the later versions' parameters).
   */
  public ModuleRegistry(List<LedgerModule> modules) {
    this(modules, allActive(modules));
  }

  private static ProtocolVersions allActive(List<LedgerModule> modules) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    int newest = org.bcos.ledger.Genesis.DEFAULT_PROTOCOL_VERSION;
    for (LedgerModule m : modules) {
      names.add(m.name());
      for (ParamSpec p : m.params()) newest = Math.max(newest, p.sinceVersion());
      for (MessageType<?> t : m.messages()) newest = Math.max(newest, t.sinceVersion());
    }
    List<ProtocolRules> versions = new ArrayList<>();
    for (int v = org.bcos.ledger.Genesis.DEFAULT_PROTOCOL_VERSION; v <= newest; v++) {
      versions.add(new ProtocolRules(v, "all", names));
    }
    return new ProtocolVersions(versions);
  }

  /** The registry of {@code modules}, run under the protocol {@code versions} they ship. */
  public ModuleRegistry(List<LedgerModule> modules, ProtocolVersions versions) {
    this(modules, versions, versions);
  }

  /**
   * The registry of {@code modules} run under {@code versions}, checked against the {@code full}
   * table the modules were written for (a capped table may leave a module or a parameter in no
   * version it runs: that is the point of the cap).
   */
  private ModuleRegistry(List<LedgerModule> modules, ProtocolVersions versions,
      ProtocolVersions full) {
    this.modules = List.copyOf(modules);
    this.versions = versions;
    Set<String> names = new java.util.LinkedHashSet<>();
    Set<String> rejectionNames = new java.util.LinkedHashSet<>();
    Set<Integer> columnIds = new java.util.LinkedHashSet<>();
    for (TxRejection r : TxRejection.values()) addRejection(r, rejectionNames);
    for (LedgerModule m : this.modules) {
      unique(names.add(m.name()), "module name " + m.name());
      for (MessageType<?> t : m.messages()) {
        unique(byTag.put(t.tag(), t) == null, "message tag " + t.tag());
        unique(byClass.put(t.type(), t) == null, "message class " + t.type().getName());
        moduleByClass.put(t.type(), m);
        if (t.sinceVersion() > full.latest().version()) {
          throw new IllegalArgumentException("message " + t.name() + " is introduced by "
              + "protocol version " + t.sinceVersion() + ", newer than this software ships");
        }
      }
      for (Rejection r : m.rejections()) addRejection(r, rejectionNames);
      for (Column c : m.schema().columns()) {
        unique(columnIds.add(c.id()), "column id " + c.id());
        stateColumns.add(c);
      }
      for (ParamSpec p : m.params()) {
        unique(params.putIfAbsent(p.name(), p) == null, "parameter " + p.name());
        if (p.sinceVersion() > full.latest().version()) {
          throw new IllegalArgumentException("parameter " + p.name() + " is introduced by "
              + "protocol version " + p.sinceVersion() + ", newer than this software ships");
        }
      }
      for (ApiBinding<?> a : m.apis()) {
        unique(apis.put(a.type(), a) == null, "api " + a.type().getName());
      }
      holdings.addAll(m.holdings());
    }
    full.checkAgainst(names);
  }

  /**
   * These modules as software that ships only the protocol versions up to {@code maxVersion}
   * (the node's {@code maxProtocolVersion} knob, docs/GOVERNANCE.md "Upgrades on a real
   * network"): a chain reaching a later version stops that node at its height, exactly as an
   * older release would. This registry itself when it ships nothing newer.
   *
   * @throws IllegalArgumentException if no version this software ships is at or below the cap
   */
  public ModuleRegistry upToVersion(int maxVersion) {
    if (maxVersion >= versions.latest().version()) return this;
    return new ModuleRegistry(modules, versions.upTo(maxVersion), versions);
  }

  /** Every protocol version this software ships. */
  public ProtocolVersions versions() {
    return versions;
  }

  private void addRejection(Rejection r, Set<String> names) {
    unique(rejectionsByCode.put(r.code(), r) == null, "rejection code " + r.code());
    unique(names.add(r.name()), "rejection name " + r.name());
  }

  private static void unique(boolean ok, String what) {
    if (!ok) throw new IllegalArgumentException("two ledger modules claim the same " + what);
  }

  public List<LedgerModule> modules() {
    return modules;
  }

  /** The module named {@code name}. */
  public Optional<LedgerModule> module(String name) {
    return modules.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The registered type of {@code message}, if any module handles its class. */
  public Optional<MessageType<?>> typeOf(Message message) {
    return Optional.ofNullable(byClass.get(message.getClass()));
  }

  /** The module that handles {@code message}. */
  public Optional<LedgerModule> moduleOf(Message message) {
    return Optional.ofNullable(moduleByClass.get(message.getClass()));
  }

  /** Every module's query methods, in registration order. */
  public List<RpcMethod> rpcMethods(QueryContext queries) {
    List<RpcMethod> out = new ArrayList<>();
    for (LedgerModule m : modules) m.rpc().ifPresent(r -> out.addAll(r.methods(queries)));
    return List.copyOf(out);
  }

  /** Every registered message type, by tag. */
  public List<MessageType<?>> messageTypes() {
    return byTag.values().stream()
        .sorted(java.util.Comparator.comparingInt(MessageType::tag)).toList();
  }

  @Override
  public Message decode(int tag, Decoder d) {
    MessageType<?> t = byTag.get(tag);
    if (t == null) {
      throw new CodecException(CodecException.Reason.UNKNOWN_TYPE, "unknown message tag " + tag);
    }
    try {
      return t.decoder().decode(d);
    } catch (IllegalArgumentException e) {
      // a record constructor refused a value the wire allowed: still a malformed encoding
      throw new CodecException(CodecException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  /** Every reason, the envelope's and every module's, by code. */
  public List<Rejection> rejections() {
    return rejectionsByCode.values().stream()
        .sorted(java.util.Comparator.comparingInt(Rejection::code).reversed()).toList();
  }

  /** The reason with this stable code, among the envelope's and every module's. */
  public Optional<Rejection> rejection(int code) {
    return Optional.ofNullable(rejectionsByCode.get(code));
  }

  /** Every state column of every module, in registration order. */
  public List<Column> stateColumns() {
    return List.copyOf(stateColumns);
  }

  public List<Holding> holdings() {
    return List.copyOf(holdings);
  }

  /** Every declared chain parameter, in registration order. */
  public List<ParamSpec> params() {
    return List.copyOf(params.values());
  }

  public Optional<ParamSpec> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** Whether some module provides api {@code type}. */
  public boolean providesApi(Class<?> type) {
    return apis.containsKey(type);
  }

  /**
   * Where the fees of a block under {@code rules} are paid: the collecting module's account, or
   * {@code proposer} when no module collects them.
   */
  public org.bcos.types.Address feeCollector(ProtocolRules rules,
      org.bcos.types.Address proposer) {
    org.bcos.types.Address found = null;
    for (LedgerModule m : modules) {
      Optional<org.bcos.types.Address> c = m.feeCollector(rules);
      if (c.isEmpty()) continue;
      if (found != null) throw new IllegalStateException("two modules collect the fees");
      found = c.get();
    }
    return found == null ? proposer : found;
  }

  /** The implementation of api {@code type} bound to {@code state}. */
  public <A> A api(Class<A> type, WorkingState state) {
    ApiBinding<?> binding = apis.get(type);
    if (binding == null) throw new IllegalArgumentException("no module provides " + type);
    return type.cast(binding.factory().bind(state, this));
  }
}
