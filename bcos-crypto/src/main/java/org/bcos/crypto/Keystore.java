package org.bcos.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bcos.types.Address;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Encrypted Ed25519 keys, one file {@code <name>.key} per key in a directory (the CLI uses {@code
 * $BCOS_HOME/keys}, default {@code ~/.bcos/keys}).
 *
 * <p>A key file is a small JSON object: {@code version}, {@code name}, {@code address} (bech32m,
 * readable without the passphrase), {@code kdf} ("scrypt") with {@code kdfParams} {@code n, r, p},
 * and hex {@code salt}, {@code nonce} and {@code ciphertext}. The 32-byte seed is encrypted with
 * AES-256-GCM under scrypt(passphrase as UTF-8, salt); the name and address are the associated
 * data, so neither can be swapped in the file without the decryption failing. Files are written
 * to a temporary file, flushed and then linked into place, readable by the owner only, and never
 * overwritten.
 */
public final class Keystore {
  /** A key name: lower-case letters, digits, '_' and '-', starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private static final int VERSION = 1;
  private static final String SUFFIX = ".key";
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_FILE_BYTES = 4096;
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** A stored key's public part, readable without the passphrase. */
  public record KeyInfo(String name, Address address) {
    /** Checks both parts are present. */
    public KeyInfo {
      if (name == null || address == null) {
        throw new IllegalArgumentException("a key has a name and an address");
      }
    }
  }

  /**
   * scrypt cost parameters for new key files. Loading uses the parameters stored in each file,
   * within the limits checked here (so a crafted file cannot demand gigabytes of memory).
   */
  public record ScryptParams(int n, int r, int p) {
    /** N = 2^15, r = 8, p = 1: about 32 MiB and 0.1 s per derivation. */
    public static final ScryptParams DEFAULT = new ScryptParams(1 << 15, 8, 1);

    /** Checks N is a power of two in [2, 2^20], r in [1, 32] and p in [1, 16]. */
    public ScryptParams {
      if (n < 2 || n > (1 << 20) || Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("scrypt N must be a power of two from 2 to 2^20: " + n);
      }
      if (r < 1 || r > 32 || p < 1 || p > 16) {
        throw new IllegalArgumentException("scrypt r must be 1-32 and p 1-16: r=" + r + " p=" + p);
      }
    }
  }

  private final Path dir;
  private final ScryptParams params;
  private final SecureRandom random;

  /** A keystore in {@code dir} with the default scrypt parameters. */
  public Keystore(Path dir) {
    this(dir, ScryptParams.DEFAULT);
  }

  /** A keystore in {@code dir} that writes new keys with {@code params}. */
  public Keystore(Path dir, ScryptParams params) {
    this.dir = dir;
    this.params = params;
    this.random = new SecureRandom();
  }

  /**
   * Encrypts {@code key} under {@code passphrase} into {@code <name>.key}.
   *
   * @throws KeystoreException INVALID_NAME or ALREADY_EXISTS
   */
  public KeyInfo create(String name, Ed25519KeyPair key, char[] passphrase) {
    checkName(name);
    Path file = fileOf(name);
    if (Files.exists(file)) {
      throw alreadyExists(name);
    }
    KeyInfo info = new KeyInfo(name, key.address());
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] nonce = randomBytes(NONCE_BYTES);
    byte[] seed = key.seed();
    byte[] ciphertext;
    try {
      ciphertext = aesGcm(Cipher.ENCRYPT_MODE, passphrase, params, salt, nonce, info, seed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed while encrypting a new key", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    writeNew(file, toJson(info, params, salt, nonce, ciphertext));
    return info;
  }

  /**
   * Decrypts the key {@code name}. Never writes anything.
   *
   * @throws KeystoreException INVALID_NAME, NOT_FOUND, WRONG_PASSPHRASE or CORRUPT
   */
  public Ed25519KeyPair load(String name, char[] passphrase) {
    checkName(name);
    KeyFile keyFile = read(name);
    byte[] seed;
    try {
      seed =
          aesGcm(
              Cipher.DECRYPT_MODE, passphrase, keyFile.params, keyFile.salt, keyFile.nonce,
              keyFile.info, keyFile.ciphertext);
    } catch (AEADBadTagException e) {
      throw new KeystoreException(
          KeystoreException.Reason.WRONG_PASSPHRASE,
          "The passphrase for key \"" + name + "\" is wrong (or its key file was altered).");
    } catch (GeneralSecurityException e) {
      throw corrupt(name, "it cannot be decrypted", e);
    }
    try {
      if (seed.length != Ed25519KeyPair.SEED_BYTES) {
        throw corrupt(name, "the decrypted key has the wrong length", null);
      }
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
      if (!key.address().equals(keyFile.info.address())) {
        throw corrupt(name, "the decrypted key does not match the address in the file", null);
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * The public part of every readable key file, sorted by name. Files that are not key files or
   * cannot be parsed are left out; {@link #find} reports them.
   */
  public List<KeyInfo> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<KeyInfo> keys = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (NAME.matcher(name).matches()) {
          try {
            keys.add(read(name).info);
          } catch (KeystoreException unreadable) {
            // not listed; find(name) or load(name) says what is wrong
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the keystore directory " + dir, e);
    }
    keys.sort(Comparator.comparing(KeyInfo::name));
    return List.copyOf(keys);
  }

  /**
   * The public part of key {@code name}, read without the passphrase; empty if there is none.
   *
   * @throws KeystoreException INVALID_NAME or CORRUPT
   */
  public Optional<KeyInfo> find(String name) {
    checkName(name);
    try {
      return Optional.of(read(name).info);
    } catch (KeystoreException e) {
      if (e.reason() == KeystoreException.Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The directory holding the key files. */
  public Path directory() {
    return dir;
  }

  private record KeyFile(
      KeyInfo info, ScryptParams params, byte[] salt, byte[] nonce, byte[] ciphertext) {}

  private KeyFile read(String name) {
    Path file = fileOf(name);
    String json;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw corrupt(name, "it is larger than " + MAX_FILE_BYTES + " bytes", null);
      }
      json = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new KeystoreException(
          KeystoreException.Reason.NOT_FOUND, "There is no key named \"" + name + "\" in " + dir + ".");
    } catch (IOException e) {
      throw corrupt(name, "it cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      return parse(name, json);
    } catch (RuntimeException e) {
      if (e instanceof KeystoreException ke) {
        throw ke;
      }
      throw corrupt(name, e.getMessage(), e);
    }
  }

  private static KeyFile parse(String name, String json) {
    Map<String, Object> fields = KeyFileJson.parse(json);
    if (!Long.valueOf(VERSION).equals(fields.get("version"))) {
      throw corrupt(name, "its version is not " + VERSION, null);
    }
    if (!name.equals(fields.get("name"))) {
      throw corrupt(name, "the name inside it is \"" + fields.get("name") + "\"", null);
    }
    if (!"scrypt".equals(fields.get("kdf"))) {
      throw corrupt(name, "its kdf is not scrypt", null);
    }
    if (!(fields.get("kdfParams") instanceof Map<?, ?> kdf)) {
      throw corrupt(name, "kdfParams is missing", null);
    }
    ScryptParams params =
        new ScryptParams(intField(kdf, "n"), intField(kdf, "r"), intField(kdf, "p"));
    Address address = Address.parse(stringField(fields, "address"));
    byte[] salt = HEX.parseHex(stringField(fields, "salt"));
    byte[] nonce = HEX.parseHex(stringField(fields, "nonce"));
    byte[] ciphertext = HEX.parseHex(stringField(fields, "ciphertext"));
    if (salt.length != SALT_BYTES || nonce.length != NONCE_BYTES) {
      throw corrupt(name, "its salt or nonce has the wrong length", null);
    }
    return new KeyFile(new KeyInfo(name, address), params, salt, nonce, ciphertext);
  }

  private static String toJson(
      KeyInfo info, ScryptParams params, byte[] salt, byte[] nonce, byte[] ciphertext) {
    return "{\n"
        + "  \"version\": " + VERSION + ",\n"
        + "  \"name\": " + KeyFileJson.quote(info.name()) + ",\n"
        + "  \"address\": " + KeyFileJson.quote(info.address().toString()) + ",\n"
        + "  \"kdf\": \"scrypt\",\n"
        + "  \"kdfParams\": {\"n\": " + params.n() + ", \"r\": " + params.r() + ", \"p\": "
        + params.p() + "},\n"
        + "  \"salt\": \"" + HEX.formatHex(salt) + "\",\n"
        + "  \"nonce\": \"" + HEX.formatHex(nonce) + "\",\n"
        + "  \"ciphertext\": \"" + HEX.formatHex(ciphertext) + "\"\n"
        + "}\n";
  }

  private static byte[] aesGcm(
      int mode, char[] passphrase, ScryptParams params, byte[] salt, byte[] nonce, KeyInfo info,
      byte[] input)
      throws GeneralSecurityException {
    byte[] password = utf8(passphrase);
    byte[] key = SCrypt.generate(password, salt, params.n(), params.r(), params.p(), 32);
    Arrays.fill(password, (byte) 0);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(info));
      return cipher.doFinal(input);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] associatedData(KeyInfo info) {
    return ("BCOS/keystore/v" + VERSION + "\n" + info.name() + "\n" + info.address())
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void writeNew(Path file, String json) {
    Path temp = null;
    try {
      createDirectory();
      temp = Files.createTempFile(dir, ".tmp-", SUFFIX + ".part", ownerOnly(OWNER_READ_WRITE));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      linkIntoPlace(temp, file);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(file.getFileName().toString().replace(SUFFIX, ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key file " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Hard-links so that an existing key is never replaced, even by a concurrent create. */
  private static void linkIntoPlace(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private void createDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, ownerOnly(OWNER_ONLY_DIR));
    }
  }

  private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover ".tmp-" file is harmless and not listed
      }
    }
  }

  private Path fileOf(String name) {
    return dir.resolve(name + SUFFIX);
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new KeystoreException(
          KeystoreException.Reason.INVALID_NAME,
          "\"" + name + "\" is not a valid key name: use 1 to 32 lower-case letters, digits, '_' or"
              + " '-', starting with a letter or digit.");
    }
  }

  private static KeystoreException alreadyExists(String name) {
    return new KeystoreException(
        KeystoreException.Reason.ALREADY_EXISTS,
        "A key named \"" + name + "\" already exists; choose another name.");
  }

  private static KeystoreException corrupt(String name, String why, Throwable cause) {
    return new KeystoreException(
        KeystoreException.Reason.CORRUPT,
        "The key file for \"" + name + "\" is damaged: " + why + ".",
        cause);
  }

  private static int intField(Map<?, ?> fields, String key) {
    if (fields.get(key) instanceof Long value && value <= Integer.MAX_VALUE) {
      return value.intValue();
    }
    throw new IllegalArgumentException("\"" + key + "\" is not a small integer");
  }

  private static String stringField(Map<String, Object> fields, String key) {
    if (fields.get(key) instanceof String value) {
      return value;
    }
    throw new IllegalArgumentException("\"" + key + "\" is missing");
  }

  private static byte[] utf8(char[] passphrase) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
