package com.acme.partoo.mock.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Tokens shaped like Partoo's documented example: a literal backslash, an {@code x}, then 48 hex digits (192 random
 * bits). The backslash must be percent-encoded in a URL, so a client that forgets to encode is caught.
 */
final class PartooStyleTokens implements Supplier<String> {

  private static final int RANDOM_BYTES = 24;

  private final SecureRandom random = new SecureRandom();

  /** A fresh unguessable token; thread-safe. */
  @Override
  public String get() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return "\\x" + HexFormat.of().formatHex(bytes);
  }
}
