package com.acme.partoo.it.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials the suite uses. {@link SecretsGuard} fails any test after which one of them appears in full in a log
 * line, an exception message or a {@code toString}: the API key must never appear, a token only masked.
 */
public final class TestSecrets {

  /** Looks like a real key and is unlike any other string of the suite, so a leak cannot hide. */
  public static final String API_KEY = "pk_it_7Rq2XwL9vB4mZs81";

  /** Partoo's documented example token: literally a backslash, an 'x', then hex. */
  public static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";

  /** A token with every character that needs care in a URL query: backslash, plus, slash, equals, ampersand, percent. */
  public static final String TRICKY_TOKEN = "\\x9f+Zq/Lw==&k=v%2B";

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  static {
    SECRETS.add(API_KEY);
    SECRETS.add(TOKEN);
    SECRETS.add(TRICKY_TOKEN);
  }

  private TestSecrets() {}

  /** Registers another token a test uses, so the guard watches it too; returns it. */
  public static String token(String token) {
    SECRETS.add(token);
    return token;
  }

  /**
   * Registers another secret a test uses (a proxy password, and its {@code Proxy-Authorization} value), so the guard
   * watches it too; returns it.
   */
  public static String secret(String secret) {
    SECRETS.add(secret);
    return secret;
  }

  static Set<String> all() {
    return Set.copyOf(SECRETS);
  }
}
