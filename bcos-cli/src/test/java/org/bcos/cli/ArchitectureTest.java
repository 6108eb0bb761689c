package org.bcos.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module dependency rules of ARCHITECTURE.md §2: arrows only point down the list. */
class ArchitectureTest {
  private static JavaClasses bcos;

  @BeforeAll
  static void importClasses() {
    bcos = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.bcos");
  }

  @Test
  void typesDependOnNothingButTheJdk() {
    classes().that().resideInAPackage("org.bcos.types..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.bcos.types..", "java..")
        .check(bcos);
  }

  @Test
  void cryptoDependsOnlyOnTypes() {
    classes().that().resideInAPackage("org.bcos.crypto..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.bcos.crypto..",
            "org.bcos.types..", "java..", "javax.crypto..", "org.bouncycastle..")
        .check(bcos);
  }

  @Test
  void storageDependsOnlyOnTypes() {
    classes().that().resideInAPackage("org.bcos.storage..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.bcos.storage..",
            "org.bcos.types..", "java..", "org.rocksdb..")
        .check(bcos);
  }

  @Test
  void ledgerNeverImportsNodeClientOrCli() {
    noClasses().that().resideInAPackage("org.bcos.ledger..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bcos.node..",
            "org.bcos.client..", "org.bcos.cli..", "io.netty..")
        .check(bcos);
  }

  /**
   * JSON belongs to the API: in the ledger only the RPC method SPI and the modules' {@code rpc}
   * packages (their query methods) speak it; the state machine never does.
   */
  @Test
  void ledgerUsesJsonOnlyInTheRpcLayer() {
    noClasses().that().resideInAPackage("org.bcos.ledger..")
        .and().resideOutsideOfPackages("org.bcos.ledger.spi.rpc..", "org.bcos.ledger.*.rpc..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
        .check(bcos);
  }

  @Test
  void consensusDependsOnlyOnTypesAndCrypto() {
    classes().that().resideInAPackage("org.bcos.consensus..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.bcos.consensus..",
            "org.bcos.types..", "org.bcos.crypto..", "java..")
        .check(bcos);
  }

  @Test
  void p2pDependsOnlyOnTypesCryptoAndNetty() {
    classes().that().resideInAPackage("org.bcos.p2p..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.bcos.p2p..",
            "org.bcos.types..", "org.bcos.crypto..", "io.netty..", "java..", "javax.crypto..",
            "org.slf4j..")
        .check(bcos);
  }

  /**
   * Code logs through the SLF4J API; only the node's logging package names the backend (Logback),
   * and only {@code bcos node} calls it, so short commands never start it (NodeOperationsIT checks
   * the classes they load).
   */
  @Test
  void onlyTheLoggingPackageNamesTheLoggingBackend() {
    noClasses().that().resideOutsideOfPackage("org.bcos.node.logging..")
        .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..")
        .check(bcos);
  }

  /**
   * The client builds transactions, so it uses the ledger modules' messages (their {@code api}
   * packages: records and reasons) and the registry that decodes them, and nothing else of the
   * ledger.
   */
  @Test
  void clientDependsOnlyOnTypesCryptoAndModuleApis() {
    noClasses().that().resideInAPackage("org.bcos.client..")
        .should().dependOnClassesThat(resideInAnyPackage("org.bcos.ledger..")
            .and(not(resideInAnyPackage("org.bcos.ledger.*.api..")))
            .and(not(type(org.bcos.ledger.Modules.class))))
        .orShould().dependOnClassesThat().resideInAnyPackage(
            "org.bcos.storage..", "org.bcos.node..", "org.bcos.cli..")
        .check(bcos);
  }

  /**
   * A ledger module is reached from outside its package only through its {@code api} (messages,
   * read views, reasons, the interfaces other modules call) and the SPI; only the one registration
   * place ({@code org.bcos.ledger.Modules}) names a module's class.
   */
  @Test
  void ledgerModulesAreReachedOnlyThroughTheirApi() {
    for (String module : MODULES) {
      String pkg = "org.bcos.ledger." + module;
      noClasses().that().resideOutsideOfPackage(pkg + "..")
          .and().doNotHaveFullyQualifiedName("org.bcos.ledger.Modules")
          .should().dependOnClassesThat(resideInAnyPackage(pkg + "..")
              .and(not(resideInAnyPackage(pkg + ".api.."))))
          .because("module " + module + " is reached only through " + pkg + ".api")
          .check(bcos);
    }
  }

  /** The ledger core names no module: it works through the SPI and the registry. */
  @Test
  void ledgerCoreNamesNoModuleInternals() {
    noClasses().that().resideInAnyPackage("org.bcos.ledger.spi..", "org.bcos.ledger.state..",
            "org.bcos.ledger.tx..", "org.bcos.ledger.block..")
        .should().dependOnClassesThat().resideInAnyPackage(MODULE_INTERNALS)
        .check(bcos);
  }

  /** Every registered module's package is {@code org.bcos.ledger.<name>}. */
  private static final String[] MODULES = org.bcos.ledger.Modules.STANDARD.modules().stream()
      .map(org.bcos.ledger.spi.LedgerModule::name).toArray(String[]::new);

  @Test
  void everyModuleLivesInItsOwnPackage() {
    for (var m : org.bcos.ledger.Modules.STANDARD.modules()) {
      org.junit.jupiter.api.Assertions.assertEquals("org.bcos.ledger." + m.name(),
          m.getClass().getPackageName(), "module " + m.name());
    }
  }
  private static final String[] MODULE_INTERNALS = java.util.Arrays.stream(MODULES)
      .map(m -> "org.bcos.ledger." + m).toArray(String[]::new);

  @Test
  void nodeNeverImportsClientOrCli() {
    noClasses().that().resideInAPackage("org.bcos.node..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bcos.client..", "org.bcos.cli..")
        .check(bcos);
  }

  @Test
  void ledgerModuleApisDoNotReachIntoImplementations() {
    noClasses().that().resideInAPackage("org.bcos.ledger.*.api..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bcos.ledger.coin",
            "org.bcos.ledger.state", "org.bcos.ledger.tx", "org.bcos.ledger.block")
        .check(bcos);
  }
}
