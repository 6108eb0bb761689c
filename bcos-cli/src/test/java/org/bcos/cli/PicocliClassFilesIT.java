package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The picocli copy the launcher runs from ({@code target/lib}, rewritten at package time by
 * {@code src/build/ClassFileUpgrade.java} so that the AOT cache can hold it) has only class files
 * of Java 6 or later, and every one of them passes the JVM's verifier with its computed frames.
 */
class PicocliClassFilesIT {
  private static final Path JAR = Path.of("target", "lib", "picocli-"
      + picocli.CommandLine.VERSION + ".jar");

  @Test
  void everyClassIsJava6OrLaterAndVerifies() throws Exception {
    List<String> classes = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (var entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (!name.endsWith(".class") || name.contains("module-info")) continue;
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
          assertTrue(majorVersion(in) >= 50, name + " is older than Java 6");
        }
        classes.add(name.substring(0, name.length() - 6).replace('/', '.'));
      }
    }
    assertTrue(classes.size() > 200, classes.size() + " classes");
    List<String> failed = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      for (String name : classes) {
        try {
          Class.forName(name, true, loader);  // initialising links, and linking verifies
        } catch (VerifyError | ClassFormatError e) {
          failed.add(name + ": " + e);
        }
      }
    }
    assertEquals(List.of(), failed);
  }

  private static int majorVersion(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    assertEquals(0xCAFEBABE, data.readInt());
    data.readUnsignedShort();
    return data.readUnsignedShort();
  }
}
