package org.bcos.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
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
   * The DVS query methods use only the ledger's public API and the RPC SPI, not the node's
   * internals: they are to move into the DVS ledger module.
   */
  @Test
  void dvsRpcMethodsDoNotReachIntoTheNode() {
    noClasses().that().resideInAPackage("org.bcos.node.rpc.dvs..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.bcos.node..")
            .and(JavaClass.Predicates.resideOutsideOfPackage("org.bcos.node.rpc.dvs..")))
        .check(bcos);
  }

  /** JSON belongs to the API: in the ledger only the RPC method SPI speaks it. */
  @Test
  void ledgerUsesJsonOnlyInTheRpcSpi() {
    noClasses().that().resideInAPackage("org.bcos.ledger..")
        .and().resideOutsideOfPackage("org.bcos.ledger.spi.rpc..")
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
            "org.bcos.types..", "org.bcos.crypto..", "io.netty..", "java..", "javax.crypto..")
        .check(bcos);
  }

  @Test
  void clientDependsOnlyOnTypesAndCrypto() {
    noClasses().that().resideInAPackage("org.bcos.client..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bcos.ledger..",
            "org.bcos.storage..", "org.bcos.node..", "org.bcos.cli..")
        .check(bcos);
  }

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
