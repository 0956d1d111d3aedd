package com.acme.partoo.it.support;

import com.acme.partoo.tokens.ConnectionTokens;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** The three operations, for tests that hold each of them to the same rule. */
public enum PartooCall {
  GENERATE(Stubs::generate, Stubs.GENERATE_PATH, () -> Stubs.tokenIssued(TestSecrets.TOKEN),
      tokens -> tokens.generateAsync("42")),
  CHECK(Stubs::check, Stubs.CHECK_PATH, () -> Stubs.tokenStatus(TestSecrets.TOKEN, "valid", null, null, null),
      tokens -> tokens.checkAsync("42", TestSecrets.TOKEN)),
  REVOKE(Stubs::revoke, Stubs.REVOKE_PATH, Stubs::revoked,
      tokens -> tokens.revokeAsync("42", TestSecrets.TOKEN));

  private final Supplier<MappingBuilder> request;
  private final String path;
  private final Supplier<ResponseDefinitionBuilder> success;
  private final Function<ConnectionTokens, CompletableFuture<?>> async;

  PartooCall(
      Supplier<MappingBuilder> request,
      String path,
      Supplier<ResponseDefinitionBuilder> success,
      Function<ConnectionTokens, CompletableFuture<?>> async) {
    this.request = request;
    this.path = path;
    this.success = success;
    this.async = async;
  }

  /** A stub matcher for this operation's method and path. */
  public MappingBuilder request() {
    return request.get();
  }

  /** The path the operation is sent to, base path included. */
  public String path() {
    return path;
  }

  /** A documented 200 answer to this operation. */
  public ResponseDefinitionBuilder success() {
    return success.get();
  }

  /** Runs the operation for user 42 (and {@link TestSecrets#TOKEN}), blocking. */
  public void run(ConnectionTokens tokens) {
    switch (this) {
      case GENERATE -> tokens.generate("42");
      case CHECK -> tokens.check("42", TestSecrets.TOKEN);
      case REVOKE -> tokens.revoke("42", TestSecrets.TOKEN);
    }
  }

  /** Runs the operation for user 42 (and {@link TestSecrets#TOKEN}) without blocking. */
  public CompletableFuture<?> runAsync(ConnectionTokens tokens) {
    return async.apply(tokens);
  }
}
