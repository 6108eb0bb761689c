package org.bcos.node.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when nobody set one: the node's text lines at INFO on standard output
 * (Logback's own fallback would print DEBUG lines of every library). The system property
 * {@value #LEVEL_PROPERTY} takes a level spec as {@code --log-level} does; the tests set it to
 * {@code warn} so that in-process nodes stay quiet. Found by Logback through
 * {@code META-INF/services}; a {@code -Dlogback.configurationFile} XML file still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
  /** A level spec for processes that do not set up logging themselves (tests, benchmarks). */
  public static final String LEVEL_PROPERTY = "bcos.log.level";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(NodeLogging.LOGBACK_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSettings settings = LogSettings.DEFAULT;
    String spec = System.getProperty(LEVEL_PROPERTY);
    if (spec != null && !spec.isBlank()) {
      try {
        settings = settings.withLevels(spec);
      } catch (IllegalArgumentException e) {
        addError("-D" + LEVEL_PROPERTY + ": " + e.getMessage());
      }
    }
    NodeLogging.apply(context, settings);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
