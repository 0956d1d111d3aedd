package com.acme.partoo.benchmarks.peers;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** Partoo's answer, as a team maps it for a peer client: the token and its expiration, an offset date-time. */
public record TokenAnswer(String token, @JsonProperty("expiration_date") OffsetDateTime expirationDate) {

  /** The facade's value for the same answer, so that every client of a run returns the same thing. */
  public ConnectionToken toConnectionToken() {
    return new ConnectionToken(token, expirationDate.toInstant(), ConnectionTokens.DEFAULT_TTL);
  }
}
