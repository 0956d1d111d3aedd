package com.acme.partoo.mock.internal;

import java.util.Optional;

/**
 * {@code GET /app/connection?connection_token=...}: what the browser does with a connection token. A valid token is
 * consumed and the page names the user now logged in; any other token gets a 401 page saying why.
 */
final class LoginPage {

  static final String PARAMETER = "connection_token";

  private final TokenStore tokens;

  LoginPage(TokenStore tokens) {
    this.tokens = tokens;
  }

  Answer login(Request request) {
    Optional<String> token = request.queryParameter(PARAMETER).filter(value -> !value.isBlank());
    if (token.isEmpty()) {
      return Answer.html(400, "Bad request", "No connection token given: add ?" + PARAMETER + "=<token>.");
    }
    Optional<TokenStore.Attempt> attempt = tokens.consume(token.get());
    if (attempt.isEmpty()) {
      return refused("This connection token is unknown.");
    }
    return switch (attempt.get().before()) {
      case VALID -> Answer.html(200, "Logged in", "Logged in as " + attempt.get().token().userId() + ".");
      case CONSUMED -> refused("This connection token was already used to log in.");
      case REVOKED -> refused("This connection token was revoked.");
      case EXPIRED -> refused("This connection token has expired.");
    };
  }

  private static Answer refused(String why) {
    return Answer.html(401, "Not logged in", why);
  }
}
