package org.bcos.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback from {@link LogSettings}: the one place that names the backend. Only the node's
 * entry ({@code bcos node}) and {@link DefaultLogConfigurator} call it, so short CLI commands never
 * load Logback.
 */
public final class NodeLogging {
  /**
   * The human line, as the node printed it before Logback: UTC time, level, component (the logger
   * name without "bcos."), message; a failure's stack trace follows on its own lines.
   */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %replace(%logger){'^bcos\\.',''}: %msg%n";
  /** Set by an operator who brings a whole Logback XML file: then the --log-* options step back. */
  public static final String LOGBACK_FILE_PROPERTY = "logback.configurationFile";

  private NodeLogging() {}

  /** Replaces the current configuration with {@code settings} (unless a Logback XML file rules). */
  public static void apply(LogSettings settings) {
    if (System.getProperty(LOGBACK_FILE_PROPERTY) != null) return;
    apply((LoggerContext) LoggerFactory.getILoggerFactory(), settings);
  }

  static void apply(LoggerContext context, LogSettings settings) {
    context.reset();
    OutputStreamAppender<ILoggingEvent> appender = settings.file() == null
        ? new ConsoleAppender<>() : rollingFile(context, settings);
    appender.setContext(context);
    appender.setName(settings.file() == null ? "stdout" : "file");
    appender.setEncoder(encoder(context, settings.format()));
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(settings.level()));
    root.addAppender(appender);
    settings.components().forEach((component, level) ->
        context.getLogger(LogSettings.loggerName(component)).setLevel(level(level)));
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings.Format format) {
    Encoder<ILoggingEvent> encoder;
    if (format == LogSettings.Format.JSON) {
      encoder = new JsonLineEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(TEXT_PATTERN);
      text.setCharset(java.nio.charset.StandardCharsets.UTF_8);
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  /**
   * The file, rolled over when it reaches the size limit or the day changes (UTC), into
   * {@code FILE.yyyy-MM-dd.N}; rolled files beyond the history or the total cap are deleted.
   */
  private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context,
      LogSettings settings) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setFile(settings.file().toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(settings.file() + ".%d{yyyy-MM-dd,UTC}.%i");
    policy.setMaxFileSize(new FileSize(settings.maxFileBytes()));
    policy.setMaxHistory(settings.maxHistoryDays());
    policy.setTotalSizeCap(new FileSize(settings.totalSizeCapBytes()));
    policy.setCleanHistoryOnStart(true);
    policy.start();
    appender.setRollingPolicy(policy); // it is the triggering policy too
    return appender;
  }

  private static Level level(LogSettings.Level level) {
    return Level.toLevel(level.name());
  }
}
