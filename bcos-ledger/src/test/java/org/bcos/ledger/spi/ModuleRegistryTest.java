package org.bcos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/** The registry is the one table of modules: it refuses any two claims on one name or number. */
class ModuleRegistryTest {
  record Probe(long n) implements Message {
    @Override
    public int tag() {
      return 251;
    }

    @Override
    public void encodeFields(Encoder e) {
      e.u64(n);
    }
  }

  enum ProbeRejection implements Rejection {
    PROBE_REFUSED(-32099, "probe"),
    DUPLICATE_CODE(-32005, "same code as NONCE_TOO_LOW");

    private final int code;
    private final String sentence;

    ProbeRejection(int code, String sentence) {
      this.code = code;
      this.sentence = sentence;
    }

    @Override
    public int code() {
      return code;
    }

    @Override
    public String sentence() {
      return sentence;
    }
  }

  /** A module claiming whatever {@code customize} gives it. */
  record ProbeModule(String name, int tag, List<Column> columns, List<Rejection> reasons,
      List<ParamSpec> params) implements LedgerModule {
    static ProbeModule clean() {
      return new ProbeModule("probe", 251, List.of(new Column(99, "probe")),
          List.of(ProbeRejection.PROBE_REFUSED), List.of(new ParamSpec("probeLimit", 0, 9, 1,
              ParamSpec.Unit.COUNT, "a probe")));
    }

    @Override
    public ModuleSchema schema() {
      return ModuleSchema.v1(columns);
    }

    @Override
    public List<MessageType<?>> messages() {
      return List.of(new MessageType<>(tag, "probe.probe", Probe.class,
          d -> new Probe(d.u64()), MessageHandlers.paid((ctx, tx, m) -> Verdict.OK)));
    }

    @Override
    public List<? extends Rejection> rejections() {
      return reasons;
    }

    @Override
    public List<ParamSpec> params() {
      return params;
    }
  }

  private static ModuleRegistry withProbe(UnaryOperator<ProbeModule> customize) {
    List<LedgerModule> modules = new ArrayList<>(Modules.STANDARD.modules());
    modules.add(customize.apply(ProbeModule.clean()));
    return new ModuleRegistry(modules);
  }

  private static void refused(String what, UnaryOperator<ProbeModule> customize) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withProbe(customize));
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void aCleanModuleRegisters() {
    ModuleRegistry r = withProbe(p -> p);
    assertEquals("probe", r.moduleOf(new Probe(1)).orElseThrow().name());
    assertEquals(9, r.param("probeLimit").orElseThrow().max());
    assertEquals(ProbeRejection.PROBE_REFUSED, r.rejection(-32099).orElseThrow());
  }

  @Test
  void everyClaimIsUnique() {
    refused("module name coin", p -> new ProbeModule("coin", p.tag(), p.columns(), p.reasons(),
        p.params()));
    refused("message tag 1", p -> new ProbeModule(p.name(), CoinTransfer.TAG, p.columns(),
        p.reasons(), p.params()));
    refused("column id 1", p -> new ProbeModule(p.name(), p.tag(), List.of(new Column(1, "x")),
        p.reasons(), p.params()));
    refused("rejection code -32005", p -> new ProbeModule(p.name(), p.tag(), p.columns(),
        List.of(ProbeRejection.DUPLICATE_CODE), p.params()));
    refused("parameter minFeeUnits", p -> new ProbeModule(p.name(), p.tag(), p.columns(),
        p.reasons(), List.of(new ParamSpec("minFeeUnits", 0, 1, 0, ParamSpec.Unit.COUNT, "x"))));
  }

  @Test
  void anUnregisteredTagIsANamedCodecErrorAndAnUnregisteredClassANamedRejection() {
    CodecException e = assertThrows(CodecException.class,
        () -> Modules.STANDARD.decode(251, new Decoder(new byte[8])));
    assertEquals(CodecException.Reason.UNKNOWN_TYPE, e.reason());
    assertTrue(Modules.STANDARD.typeOf(new Probe(1)).isEmpty());
    assertTrue(Modules.STANDARD.rejections().contains(TxRejection.UNKNOWN_MESSAGE_TYPE));
  }

  @Test
  void theStandardModulesDeclareTheCoreParametersAndDistinctColumns() {
    for (ParamSpec core : org.bcos.ledger.ChainParams.CORE) {
      assertTrue(Modules.STANDARD.param(core.name()).isPresent(), core.name());
    }
    assertEquals(Modules.STANDARD.stateColumns().size(),
        Modules.STANDARD.stateColumns().stream().map(Column::id).distinct().count());
    assertEquals(new CoinTransfer(Address.wrap(new byte[32]), 1, "").getClass(),
        Modules.STANDARD.messageTypes().getFirst().type());
  }
}
