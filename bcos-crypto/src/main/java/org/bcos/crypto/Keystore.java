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
import java.time.Duration;
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
 * and hex {@code salt}, {@code nonce} and {@code ciphertext}; a development key also has {@code
 * "devKey": true} and, when it was made from words, its {@code mnemonic} in the clear (a development
 * key's empty passphrase protects nothing, and the dev chain derives its further accounts from the
 * words). The 32-byte seed is encrypted with AES-256-GCM under scrypt(passphrase as
 * UTF-8, salt); the name and address are the associated data, so neither can be swapped in the
 * file without the decryption failing. Files are written to a temporary file, flushed and then
 * linked into place, readable by the owner only, and never overwritten except by {@link
 * #upgrade}, which replaces a file atomically with the same key under new parameters.
 *
 * <p>Passphrases: an empty passphrase is refused ({@code EMPTY_PASSPHRASE}) for every key except
 * those written by {@link #createDevKey}, which carry the {@code devKey} mark and have only the
 * empty one. scrypt cost: new keys at {@link ScryptParams#DEFAULT}; files below {@link
 * ScryptParams#FLOOR} or above the ceilings of {@link KdfLimits} are refused before any
 * derivation.
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

  /**
   * A stored key's public part, readable without the passphrase: its name, address, whether it is
   * a development key (empty passphrase) and its scrypt parameters.
   */
  public record KeyInfo(String name, Address address, boolean devKey, ScryptParams kdf) {
    /** Checks every part is present. */
    public KeyInfo {
      if (name == null || address == null || kdf == null) {
        throw new IllegalArgumentException("a key has a name, an address and kdf parameters");
      }
    }
  }

  private final Path dir;
  private final KdfLimits limits;
  private final SecureRandom random;

  /** A keystore in {@code dir}: new keys at N = 2^18, files below N = 2^15 refused. */
  public Keystore(Path dir) {
    this(dir, KdfLimits.PRODUCTION);
  }

  private Keystore(Path dir, KdfLimits limits) {
    this.dir = dir;
    this.limits = limits;
    this.random = new SecureRandom();
  }

  /** For this package's tests only: a cheaper cost and floor, so tests that make keys stay fast. */
  static Keystore withLimits(Path dir, KdfLimits limits) {
    return new Keystore(dir, limits);
  }

  /**
   * Encrypts {@code key} under {@code passphrase} (not empty) into {@code <name>.key}.
   *
   * @throws KeystoreException INVALID_NAME, EMPTY_PASSPHRASE or ALREADY_EXISTS
   */
  public KeyInfo create(String name, Ed25519KeyPair key, char[] passphrase) {
    checkName(name);
    requirePassphrase(name, passphrase);
    return createFile(new KeyInfo(name, key.address(), false, limits.forNewKeys()), key,
        passphrase, null);
  }

  /**
   * Writes a development key: empty passphrase, marked {@code "devKey": true} so that it alone
   * unlocks without one, at the floor cost (a higher one would protect nothing). Only the dev
   * chain and testnet set-up call this.
   *
   * @throws KeystoreException INVALID_NAME or ALREADY_EXISTS
   */
  public KeyInfo createDevKey(String name, Ed25519KeyPair key) {
    checkName(name);
    return createFile(new KeyInfo(name, key.address(), true, limits.floor()), key, new char[0],
        null);
  }

  /**
   * As {@link #createDevKey(String, Ed25519KeyPair)}, keeping {@code mnemonic} (whose account 0
   * must be {@code key}) in the file for {@link #devMnemonic}.
   *
   * @throws KeystoreException INVALID_NAME or ALREADY_EXISTS
   * @throws IllegalArgumentException if the words are not {@code key}'s
   */
  public KeyInfo createDevKey(String name, Ed25519KeyPair key, String mnemonic) {
    checkName(name);
    if (!Mnemonic.toKeyPair(mnemonic).address().equals(key.address())) {
      throw new IllegalArgumentException("the mnemonic is not the words of key " + name);
    }
    return createFile(new KeyInfo(name, key.address(), true, limits.floor()), key, new char[0],
        mnemonic);
  }

  /**
   * The words a development key was made from, if its file keeps them (dev keys written before
   * they were kept, and every other key, have none).
   *
   * @throws KeystoreException INVALID_NAME, NOT_FOUND or CORRUPT
   */
  public Optional<String> devMnemonic(String name) {
    checkName(name);
    KeyFile keyFile = read(name);
    return keyFile.info.devKey() ? Optional.ofNullable(keyFile.mnemonic) : Optional.empty();
  }

  /**
   * Decrypts the key {@code name}. Never writes anything. The empty passphrase opens only a key
   * marked as a development key.
   *
   * @throws KeystoreException INVALID_NAME, NOT_FOUND, EMPTY_PASSPHRASE, KDF_TOO_WEAK,
   *     KDF_TOO_COSTLY, KDF_MEMORY_UNAVAILABLE, WRONG_PASSPHRASE or CORRUPT
   */
  public Ed25519KeyPair load(String name, char[] passphrase) {
    checkName(name);
    KeyFile keyFile = read(name);
    if (!keyFile.info.devKey()) requirePassphrase(name, passphrase);
    return decrypt(keyFile, passphrase);
  }

  /**
   * Re-encrypts key {@code name} under today's cost and {@code newPassphrase} (not empty),
   * replacing its file atomically once the new file is proven to open; the migration for files
   * written at a lower cost, or (old files without the dev mark) with an empty passphrase, which
   * {@code oldPassphrase} may then be. A development key is left as it is.
   *
   * @throws KeystoreException as {@link #load}, or EMPTY_PASSPHRASE for the new passphrase
   */
  public KeyInfo upgrade(String name, char[] oldPassphrase, char[] newPassphrase) {
    checkName(name);
    try (KeyLock ignored = lock(name, Duration.ofSeconds(60))) {
      KeyFile old = read(name);
      if (old.info.devKey()) return old.info;
      requirePassphrase(name, newPassphrase);
      Ed25519KeyPair key = decrypt(old, oldPassphrase);
      KeyInfo info = new KeyInfo(name, key.address(), false, limits.forNewKeys());
      String json = encrypt(info, key, newPassphrase, null);
      if (!decrypt(parse(name, json), newPassphrase).equals(key)) {
        throw new IllegalStateException("the re-encrypted key file does not open to the same key");
      }
      replace(fileOf(name), json);
      return info;
    }
  }

  /**
   * Marks an old development key (written before the mark existed, with an empty passphrase) as
   * one, so it keeps unlocking without a passphrase; a key that the empty passphrase does not open
   * is left unchanged. Returns the key's info either way. For the dev chain and testnet set-up.
   *
   * @throws KeystoreException as {@link #load}, except WRONG_PASSPHRASE
   */
  public KeyInfo adoptDevKey(String name) {
    checkName(name);
    try (KeyLock ignored = lock(name, Duration.ofSeconds(60))) {
      KeyFile old = read(name);
      if (old.info.devKey()) return old.info;
      Ed25519KeyPair key;
      try {
        key = decrypt(old, new char[0]);
      } catch (KeystoreException e) {
        if (e.reason() == KeystoreException.Reason.WRONG_PASSPHRASE) return old.info;
        throw e;
      }
      KeyInfo info = new KeyInfo(name, key.address(), true, limits.floor());
      replace(fileOf(name), encrypt(info, key, new char[0], null));
      return info;
    }
  }

  /**
   * Deletes key {@code name}'s file, under its lock (a command signing with it finishes first).
   * There is no undo: the CLI asks before calling this.
   *
   * @throws KeystoreException INVALID_NAME, NOT_FOUND, CORRUPT or LOCK_TIMEOUT
   */
  public KeyInfo delete(String name) {
    checkName(name);
    try (KeyLock ignored = lock(name, Duration.ofSeconds(60))) {
      KeyInfo info = read(name).info;
      Files.delete(fileOf(name));
      return info;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the key file " + fileOf(name), e);
    }
  }

  /**
   * The text of key {@code name}'s file, checked to be a key file: encrypted, so a backup of it is
   * as safe as its passphrase. Its name is bound into the encryption, so it restores only under
   * that name.
   *
   * @throws KeystoreException INVALID_NAME, NOT_FOUND or CORRUPT
   */
  public String exportText(String name) {
    checkName(name);
    read(name);
    try {
      return Files.readString(fileOf(name), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw corrupt(name, "it cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Whether key {@code info} is legal but cheaper to attack than a new key: {@code bcos key
   * upgrade} re-encrypts it. Never true for a development key.
   */
  public boolean upgradeAdvised(KeyInfo info) {
    return !info.devKey() && limits.upgradeAdvised(info.kdf());
  }

  /**
   * Takes key {@code name}'s exclusive lock, waiting at most {@code timeout} for another command
   * (in this or another process) that holds it.
   *
   * @throws KeystoreException INVALID_NAME or LOCK_TIMEOUT
   */
  public KeyLock lock(String name, Duration timeout) {
    checkName(name);
    try {
      createDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the keystore directory " + dir, e);
    }
    return KeyLock.acquire(dir.resolve("." + name + ".lock"), name, timeout,
        ownerOnly(OWNER_READ_WRITE));
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

  /** A parsed key file; {@code mnemonic} is null unless a dev key keeps its words. */
  private record KeyFile(KeyInfo info, byte[] salt, byte[] nonce, byte[] ciphertext,
      String mnemonic) {}

  private KeyInfo createFile(KeyInfo info, Ed25519KeyPair key, char[] passphrase,
      String mnemonic) {
    Path file = fileOf(info.name());
    if (Files.exists(file)) {
      throw alreadyExists(info.name());
    }
    writeNew(file, encrypt(info, key, passphrase, mnemonic));
    return info;
  }

  /**
   * The key file's text: {@code key} encrypted under {@code passphrase} at {@code info.kdf()},
   * and a dev key's {@code mnemonic} (or null).
   */
  private String encrypt(KeyInfo info, Ed25519KeyPair key, char[] passphrase, String mnemonic) {
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] nonce = randomBytes(NONCE_BYTES);
    byte[] seed = key.seed();
    try {
      byte[] ciphertext =
          aesGcm(Cipher.ENCRYPT_MODE, passphrase, info.kdf(), salt, nonce, info, seed);
      return toJson(info, salt, nonce, ciphertext, mnemonic);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed while encrypting a key", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private Ed25519KeyPair decrypt(KeyFile keyFile, char[] passphrase) {
    String name = keyFile.info.name();
    limits.check(name, keyFile.info.kdf());
    byte[] seed;
    try {
      seed = aesGcm(Cipher.DECRYPT_MODE, passphrase, keyFile.info.kdf(), keyFile.salt,
          keyFile.nonce, keyFile.info, keyFile.ciphertext);
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
    return parse(name, json);
  }

  private static KeyFile parse(String name, String json) {
    try {
      return parseFields(name, KeyFileJson.parse(json));
    } catch (KeystoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corrupt(name, e.getMessage(), e);
    }
  }

  private static KeyFile parseFields(String name, Map<String, Object> fields) {
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
    Object devKey = fields.getOrDefault("devKey", Boolean.FALSE);
    if (!(devKey instanceof Boolean)) {
      throw corrupt(name, "devKey is not true or false", null);
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
    KeyInfo info = new KeyInfo(name, address, (Boolean) devKey, params);
    Object mnemonic = fields.get("mnemonic");
    if (mnemonic != null && !(mnemonic instanceof String && info.devKey())) {
      throw corrupt(name, "only a development key keeps its mnemonic, as text", null);
    }
    return new KeyFile(info, salt, nonce, ciphertext, (String) mnemonic);
  }

  private static String toJson(KeyInfo info, byte[] salt, byte[] nonce, byte[] ciphertext,
      String mnemonic) {
    ScryptParams params = info.kdf();
    return "{\n"
        + "  \"version\": " + VERSION + ",\n"
        + "  \"name\": " + KeyFileJson.quote(info.name()) + ",\n"
        + "  \"address\": " + KeyFileJson.quote(info.address().toString()) + ",\n"
        + (info.devKey() ? "  \"devKey\": true,\n" : "")
        + (mnemonic != null ? "  \"mnemonic\": " + KeyFileJson.quote(mnemonic) + ",\n" : "")
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
    byte[] key = scrypt(info.name(), passphrase, params, salt);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(info));
      return cipher.doFinal(input);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The 32-byte AES key. scrypt allocates {@code 128·N·r} bytes at once (256 MiB by default), so a
   * JVM with a smaller heap gets a named error rather than an OutOfMemoryError's stack trace.
   */
  private static byte[] scrypt(String name, char[] passphrase, ScryptParams params, byte[] salt) {
    // garbage counts as used until a collection, so only the heap limit is checked up front
    if (params.memoryBytes() >= Runtime.getRuntime().maxMemory()) {
      throw memoryUnavailable(name, params);
    }
    byte[] password = utf8(passphrase);
    try {
      return SCrypt.generate(password, salt, params.n(), params.r(), params.p(), 32);
    } catch (OutOfMemoryError e) {
      throw memoryUnavailable(name, params);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static KeystoreException memoryUnavailable(String name, ScryptParams params) {
    return new KeystoreException(KeystoreException.Reason.KDF_MEMORY_UNAVAILABLE,
        "Unlocking key \"" + name + "\" (scrypt " + params + ") needs "
            + params.memoryBytes() / (1 << 20) + " MiB of Java heap, more than it can have (the heap"
            + " limit is " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); run with a"
            + " larger -Xmx, e.g. BCOS_JAVA_OPTS=-Xmx1g.");
  }

  private static byte[] associatedData(KeyInfo info) {
    return ("BCOS/keystore/v" + VERSION + "\n" + info.name() + "\n" + info.address())
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void writeNew(Path file, String json) {
    Path temp = null;
    try {
      temp = writeTemp(json);
      linkIntoPlace(temp, file);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(file.getFileName().toString().replace(SUFFIX, ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key file " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Replaces an existing key file atomically (only {@link #upgrade} and {@link #adoptDevKey}). */
  private void replace(Path file, String json) {
    Path temp = null;
    try {
      temp = writeTemp(json);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace the key file " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private Path writeTemp(String json) throws IOException {
    createDirectory();
    Path temp = Files.createTempFile(dir, ".tmp-", SUFFIX + ".part", ownerOnly(OWNER_READ_WRITE));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    return temp;
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

  private static void requirePassphrase(String name, char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      throw new KeystoreException(
          KeystoreException.Reason.EMPTY_PASSPHRASE,
          "An empty passphrase is refused for key \"" + name + "\": only development keys"
              + " (marked devKey) have none. If this key was created with an empty passphrase,"
              + " give it one with `bcos key upgrade " + name + "`.");
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
