package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooListener;
import org.jspecify.annotations.Nullable;

/**
 * What a call is about, for messages and redaction.
 *
 * @param kind which of the three operations
 * @param userId the Partoo user the call is for
 * @param token the token checked or revoked (a secret: only ever shown masked), or null for generate
 */
record Operation(Kind kind, String userId, @Nullable String token) {

  /** The three operations of Partoo's "Connection Tokens" tag. */
  public enum Kind {
    GENERATE("generate a connection token", PartooListener.Operation.GENERATE),
    CHECK("check a connection token", PartooListener.Operation.CHECK),
    REVOKE("revoke a connection token", PartooListener.Operation.REVOKE);

    private final String action;
    private final PartooListener.Operation publicOperation;

    Kind(String action, PartooListener.Operation publicOperation) {
      this.action = action;
      this.publicOperation = publicOperation;
    }

    /** A phrase for messages, e.g. "generate a connection token". */
    public String action() {
      return action;
    }

    /** Method and path, for logs, e.g. "POST /connection/generate_token". */
    public String endpoint() {
      return publicOperation.method() + " " + publicOperation.path();
    }

    /** The same operation, as listeners see it (its method and path live there). */
    PartooListener.Operation publicOperation() {
      return publicOperation;
    }
  }

  /** The action and subject, e.g. "generate a connection token for user 42". */
  String describe() {
    return kind.action() + " for user " + userId;
  }
}
