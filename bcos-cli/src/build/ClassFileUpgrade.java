import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the CLI's fast start (issue #10), run by Maven as a source file on the copy of a
 * library the {@code bcos} launcher runs from: rewrites every class older than Java 6 (class-file
 * version below 50) as version 52 with StackMapTable frames computed by the JDK's ClassFile API.
 * The JDK's AOT cache does not store classes older than version 50 (they are verified by the old
 * inference verifier at load), so picocli 4.7, compiled for Java 5, loaded and verified ~190
 * classes from its jar on every call. The bytecode itself is unchanged (the jar has no jsr/ret,
 * which version 50+ forbids; a class with them fails here, and the build with it). A jar with no
 * old class is left untouched (same file, same time), so the launcher's cache stays fresh.
 *
 * <p>Usage: {@code java ClassFileUpgrade.java JAR}
 */
public final class ClassFileUpgrade {
  private static final int TARGET_MAJOR = ClassFile.JAVA_8_VERSION;
  private static final int FIRST_MAJOR_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
    int count;
    try (URLClassLoader jarClasses = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
          ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
              .orElse(ClassHierarchyResolver.ofResourceParsing(jarClasses)).cached()));
      count = rewrite(jar, upgraded, classFile);
    }
    if (count == 0) {
      Files.delete(upgraded);
      return;
    }
    Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("class-file upgrade: " + count + " classes of " + jar.getFileName()
        + " now version " + TARGET_MAJOR);
  }

  /** Copies every entry of {@code in} to {@code out}, upgrading old classes; returns how many. */
  private static int rewrite(Path in, Path out, ClassFile classFile) throws IOException {
    int count = 0;
    try (InputStream fileIn = Files.newInputStream(in);
        ZipInputStream zipIn = new ZipInputStream(fileIn);
        OutputStream fileOut = Files.newOutputStream(out);
        ZipOutputStream zipOut = new ZipOutputStream(fileOut)) {
      for (ZipEntry entry; (entry = zipIn.getNextEntry()) != null; ) {
        byte[] bytes = zipIn.readAllBytes();
        if (entry.getName().endsWith(".class")) {
          ClassModel model = classFile.parse(bytes);
          if (model.majorVersion() < FIRST_MAJOR_WITH_STACK_MAPS) {
            bytes = upgrade(classFile, model);
            count++;
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        zipOut.putNextEntry(copy);
        zipOut.write(bytes);
        zipOut.closeEntry();
      }
    }
    return count;
  }

  /** The class at the target version; every method body is rebuilt so its frames are computed. */
  private static byte[] upgrade(ClassFile classFile, ClassModel model) {
    ClassTransform newVersion = (builder, element) -> {
      if (element instanceof ClassFileVersion) {
        builder.withVersion(TARGET_MAJOR, 0);
      } else {
        builder.with(element);
      }
    };
    return classFile.transformClass(model,
        newVersion.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
  }
}
