package com.acme.partoo.tokens.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Masks one call's secrets (its token, and every API key its attempts sent: after a rotation, the key Partoo may echo
 * is the old one) in every text an exception carries, causes included.
 */
final class Redactor {

  private final String[] secrets;

  Redactor(@Nullable String token, List<String> keysSent) {
    List<String> all = new ArrayList<>(keysSent.size() + 1);
    if (token != null) {
      all.add(token);
    }
    all.addAll(keysSent);
    this.secrets = all.toArray(new String[0]);
  }

  String apply(String text) {
    return Secrets.redact(text, secrets);
  }

  /** Partoo may echo the token in a field's message ({@code "token": ["<token> is not valid"]}). */
  Map<String, List<String>> apply(Map<String, List<String>> fieldErrors) {
    Map<String, List<String>> redacted = new LinkedHashMap<>();
    fieldErrors.forEach((field, messages) -> redacted.put(field, messages.stream().map(this::apply).toList()));
    return redacted;
  }

  /**
   * {@code cause} itself when no message in it, its causes or its suppressed exceptions holds a secret (so its type
   * stays what callers may test for); otherwise a copy of the chain with the secrets masked.
   */
  Throwable apply(Throwable cause) {
    return leaks(cause) ? copy(cause) : cause;
  }

  private boolean leaks(@Nullable Throwable t) {
    if (t == null) {
      return false;
    }
    String message = t.getMessage();
    if (message != null && !apply(message).equals(message)) {
      return true;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      if (leaks(suppressed)) {
        return true;
      }
    }
    return t.getCause() != t && leaks(t.getCause());
  }

  private Throwable copy(Throwable t) {
    Throwable cause = t.getCause() == null || t.getCause() == t ? null : copy(t.getCause());
    String message = t.getMessage() == null ? "" : ": " + apply(t.getMessage());
    RedactedException copy = new RedactedException(t.getClass().getName() + message, cause);
    copy.setStackTrace(t.getStackTrace());
    for (Throwable suppressed : t.getSuppressed()) {
      copy.addSuppressed(copy(suppressed));
    }
    return copy;
  }

  /** Stands for an exception whose message held a secret: its type, its message masked, its stack trace. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
