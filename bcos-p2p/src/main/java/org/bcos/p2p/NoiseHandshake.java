package org.bcos.p2p;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise XX handshake, {@code Noise_XX_25519_ChaChaPoly_SHA256} (Noise Protocol Framework rev.
 * 34): {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}. One instance runs one side of one
 * handshake; {@link #split()} then gives the transport ciphers. Checked against the cacophony test
 * vectors in {@code NoiseHandshakeTest}.
 */
public final class NoiseHandshake {
  /** The protocol name; exactly 32 bytes, so it is the initial h without hashing. */
  public static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";

  static final int HASH_BYTES = 32;
  private static final byte[] EMPTY = new byte[0];

  private final boolean initiator;
  private final X25519.KeyPair localStatic;
  private final X25519.KeyPair presetEphemeral;
  private final SecureRandom random;
  private X25519.KeyPair localEphemeral;
  private byte[] remoteStatic;
  private byte[] remoteEphemeral;
  private byte[] chainingKey;
  private byte[] handshakeHash;
  private NoiseCipherState cipher = new NoiseCipherState(null);
  private int messageIndex;

  /** The two transport directions after the handshake, and the final handshake hash. */
  public record Transport(NoiseCipherState send, NoiseCipherState receive, byte[] handshakeHash) {}

  NoiseHandshake(
      boolean initiator,
      X25519.KeyPair localStatic,
      byte[] prologue,
      SecureRandom random,
      X25519.KeyPair presetEphemeral) {
    this.initiator = initiator;
    this.localStatic = localStatic;
    this.random = random;
    this.presetEphemeral = presetEphemeral;
    this.handshakeHash = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
    this.chainingKey = handshakeHash.clone();
    mixHash(prologue);
  }

  NoiseHandshake(boolean initiator, X25519.KeyPair localStatic, byte[] prologue, SecureRandom r) {
    this(initiator, localStatic, prologue, r, null);
  }

  public boolean isInitiator() {
    return initiator;
  }

  /** True when it is this side's turn to write. */
  public boolean isMyTurn() {
    return messageIndex < 3 && (messageIndex % 2 == 0) == initiator;
  }

  public boolean isComplete() {
    return messageIndex == 3;
  }

  /** The peer's static key, known after message 2 (initiator) or 3 (responder). */
  public byte[] remoteStatic() {
    return remoteStatic == null ? null : remoteStatic.clone();
  }

  public byte[] handshakeHash() {
    return handshakeHash.clone();
  }

  /** Writes the next handshake message carrying {@code payload}. */
  public byte[] writeMessage(byte[] payload) throws NoiseException {
    if (!isMyTurn()) throw new IllegalStateException("not this side's turn to write");
    byte[] out =
        switch (messageIndex) {
          case 0 -> concat(writeEphemeral(), encryptAndHash(payload));
          case 1 -> writeMessageTwo(payload);
          default -> writeMessageThree(payload);
        };
    messageIndex++;
    return out;
  }

  /** Reads the next handshake message and returns its payload. */
  public byte[] readMessage(byte[] message) throws NoiseException {
    if (isMyTurn() || isComplete()) throw new NoiseException("unexpected handshake message");
    byte[] payload =
        switch (messageIndex) {
          case 0 -> readMessageOne(message);
          case 1 -> readMessageTwo(message);
          default -> readMessageThree(message);
        };
    messageIndex++;
    return payload;
  }

  /** Noise Split(): c1 carries initiator-to-responder traffic, c2 the other way. */
  public Transport split() {
    if (!isComplete()) throw new IllegalStateException("handshake not complete");
    byte[][] keys = hkdf(chainingKey, EMPTY, 2);
    NoiseCipherState c1 = new NoiseCipherState(keys[0]);
    NoiseCipherState c2 = new NoiseCipherState(keys[1]);
    return initiator
        ? new Transport(c1, c2, handshakeHash.clone())
        : new Transport(c2, c1, handshakeHash.clone());
  }

  private byte[] writeMessageTwo(byte[] payload) throws NoiseException {
    byte[] e = writeEphemeral();
    mixKey(X25519.dh(localEphemeral.privateKey(), remoteEphemeral)); // ee
    byte[] s = encryptAndHash(localStatic.publicKey());
    mixKey(X25519.dh(localStatic.privateKey(), remoteEphemeral)); // es (responder side)
    return concat(e, s, encryptAndHash(payload));
  }

  private byte[] writeMessageThree(byte[] payload) throws NoiseException {
    byte[] s = encryptAndHash(localStatic.publicKey());
    mixKey(X25519.dh(localStatic.privateKey(), remoteEphemeral)); // se (initiator side)
    return concat(s, encryptAndHash(payload));
  }

  private byte[] readMessageOne(byte[] message) throws NoiseException {
    requireLength(message, X25519.KEY_BYTES);
    remoteEphemeral = Arrays.copyOfRange(message, 0, X25519.KEY_BYTES);
    mixHash(remoteEphemeral);
    return decryptAndHash(Arrays.copyOfRange(message, X25519.KEY_BYTES, message.length));
  }

  private byte[] readMessageTwo(byte[] message) throws NoiseException {
    int staticEnd = X25519.KEY_BYTES + X25519.KEY_BYTES + NoiseCipherState.TAG_BYTES;
    requireLength(message, staticEnd + NoiseCipherState.TAG_BYTES);
    remoteEphemeral = Arrays.copyOfRange(message, 0, X25519.KEY_BYTES);
    mixHash(remoteEphemeral);
    mixKey(X25519.dh(localEphemeral.privateKey(), remoteEphemeral)); // ee
    remoteStatic = decryptAndHash(Arrays.copyOfRange(message, X25519.KEY_BYTES, staticEnd));
    mixKey(X25519.dh(localEphemeral.privateKey(), remoteStatic)); // es (initiator side)
    return decryptAndHash(Arrays.copyOfRange(message, staticEnd, message.length));
  }

  private byte[] readMessageThree(byte[] message) throws NoiseException {
    int staticEnd = X25519.KEY_BYTES + NoiseCipherState.TAG_BYTES;
    requireLength(message, staticEnd + NoiseCipherState.TAG_BYTES);
    remoteStatic = decryptAndHash(Arrays.copyOfRange(message, 0, staticEnd));
    mixKey(X25519.dh(localEphemeral.privateKey(), remoteStatic)); // se (responder side)
    return decryptAndHash(Arrays.copyOfRange(message, staticEnd, message.length));
  }

  private byte[] writeEphemeral() {
    localEphemeral = presetEphemeral != null ? presetEphemeral : X25519.generate(random);
    byte[] e = localEphemeral.publicKey();
    mixHash(e);
    return e;
  }

  private static void requireLength(byte[] message, int min) throws NoiseException {
    if (message.length < min) {
      throw new NoiseException("handshake message of " + message.length + " bytes, need " + min);
    }
  }

  private byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
    byte[] ciphertext = cipher.encryptWithAd(handshakeHash, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  private byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
    byte[] plaintext = cipher.decryptWithAd(handshakeHash, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  private void mixHash(byte[] data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(handshakeHash);
      sha.update(data);
      handshakeHash = sha.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(chainingKey, inputKeyMaterial, 2);
    chainingKey = out[0];
    cipher = new NoiseCipherState(out[1]);
  }

  /** HKDF as defined in Noise section 4.3 (HMAC-SHA256; outputs chained with counter bytes). */
  static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) {
    byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
    byte[][] out = new byte[outputs][];
    byte[] previous = EMPTY;
    for (int i = 0; i < outputs; i++) {
      previous = hmac(tempKey, concat(previous, new byte[] {(byte) (i + 1)}));
      out[i] = previous;
    }
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) length += p.length;
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
