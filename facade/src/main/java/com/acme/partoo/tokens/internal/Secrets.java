package com.acme.partoo.tokens.internal;

import org.jspecify.annotations.Nullable;

/** Masking and checking of credentials (API keys, tokens), so neither reaches a log line, a message or a toString. */
public final class Secrets {

  private static final int SHOWN_PREFIX = 4;
  private static final String MASK = "****";

  private Secrets() {}

  /** A token shown safely: its first four characters then a mask, or only the mask when it is short. */
  public static String mask(@Nullable String secret) {
    if (secret == null) {
      return "null";
    }
    // Short secrets would be mostly revealed by a prefix.
    return secret.length() <= 2 * SHOWN_PREFIX ? MASK : secret.substring(0, SHOWN_PREFIX) + MASK;
  }

  /**
   * Why {@code apiKey} cannot be sent as a header, without quoting it; null when it can. Only visible ASCII is
   * accepted: OkHttp would otherwise reject the header with a message that contains the value.
   */
  public static @Nullable String apiKeyProblem(@Nullable String apiKey) {
    if (apiKey == null) {
      return "it is null";
    }
    if (apiKey.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return "it contains whitespace at position " + i;
      }
      if (c < 0x21 || c > 0x7e) {
        return "it contains a control or non-ASCII character at position " + i;
      }
    }
    return null;
  }

  /** {@code text} with every occurrence of each non-empty secret replaced by its mask. */
  public static String redact(String text, @Nullable String... secrets) {
    String result = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, mask(secret));
      }
    }
    return result;
  }
}
