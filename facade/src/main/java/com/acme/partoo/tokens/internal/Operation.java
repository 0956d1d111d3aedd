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
    GENERATE("generate a connection token", "POST /connection/generate_token"),
    CHECK("check a connection token", "GET /connection/check_token"),
    REVOKE("revoke a connection token", "POST /connection/revoke_token");

    private final String action;
    private final String endpoint;

    Kind(String action, String endpoint) {
      this.action = action;
      this.endpoint = endpoint;
    }

    /** A phrase for messages, e.g. "generate a connection token". */
    public String action() {
      return action;
    }

    /** Method and path, for logs. */
    public String endpoint() {
      return endpoint;
    }

    /** The same operation, as listeners see it. */
    PartooListener.Operation publicOperation() {
      return switch (this) {
        case GENERATE -> PartooListener.Operation.GENERATE;
        case CHECK -> PartooListener.Operation.CHECK;
        case REVOKE -> PartooListener.Operation.REVOKE;
      };
    }
  }

  /** The action and subject, e.g. "generate a connection token for user 42". */
  String describe() {
    return kind.action() + " for user " + userId;
  }
}
