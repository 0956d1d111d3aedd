package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.PartooLoginRateLimiter;
import com.acme.partoo.spring.autoconfigure.PartooUserResolver;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The two login endpoints, one flow: resolve the signed-in user (none: 401), take one login from their allowance
 * (spent: 429), mint a short-lived token, then redirect to Partoo's login URL or answer the token as JSON; Partoo's
 * refusals and failures become 403, 404 or 503 ({@link LoginFailure}). Only the mint reaches Partoo, and only for a
 * resolved user within their limit. Logs name what happened, never a token or the key. Thread-safe.
 */
public final class LoginHandler {

  private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

  private final PartooClient partoo;
  private final PartooUserResolver users;
  private final PartooLoginRateLimiter limiter;
  private final LoginRecorder recorder;
  private final Duration ttl;
  private final LoginResponses responses;
  private final Clock clock;
  private final Ticker ticker;

  /** The endpoints of {@code settings}, minting with {@code partoo} for the users {@code users} resolves. */
  public LoginHandler(PartooClient partoo, PartooUserResolver users, PartooLoginRateLimiter limiter,
      LoginRecorder recorder, LoginSettings settings) {
    this(partoo, users, limiter, recorder, settings, Clock.systemUTC(), Ticker.system());
  }

  LoginHandler(PartooClient partoo, PartooUserResolver users, PartooLoginRateLimiter limiter, LoginRecorder recorder,
      LoginSettings settings, Clock clock, Ticker ticker) {
    this.partoo = partoo;
    this.users = users;
    this.limiter = limiter;
    this.recorder = recorder;
    this.ttl = settings.tokenTtl();
    this.responses = new LoginResponses(settings.failureUrl());
    this.clock = clock;
    this.ticker = ticker;
  }

  /** {@code GET partoo.login.path}: 303 to the login URL of a fresh token, or the failure's page. */
  public ServerResponse login(ServerRequest request) {
    long started = ticker.read();
    Minted minted = mint(request);
    ConnectionTokens tokens = partoo.connectionTokens();
    ServerResponse response = minted.token() != null
        ? responses.redirect(tokens.loginUrl(minted.token().token()))
        : responses.failedLogin(minted.failure());
    recorder.record(LoginEndpoint.LOGIN, minted.token() != null ? LoginOutcome.REDIRECTED : minted.failure().outcome(),
        ticker.read() - started);
    return response;
  }

  /** {@code POST partoo.login.token-path}: the token as JSON, or the failure as JSON. */
  public ServerResponse token(ServerRequest request) {
    long started = ticker.read();
    Minted minted = mint(request);
    ServerResponse response = minted.token() != null
        ? responses.issued(minted.token())
        : responses.failedToken(minted.failure());
    recorder.record(LoginEndpoint.TOKEN, minted.token() != null ? LoginOutcome.ISSUED : minted.failure().outcome(),
        ticker.read() - started);
    return response;
  }

  /** A token, or why there is none: exactly one of the two is set. */
  private record Minted(@Nullable ConnectionToken token, @Nullable LoginFailure failure) {}

  private Minted mint(ServerRequest request) {
    Optional<String> user = users.partooUserId(request.servletRequest()).filter(id -> !id.isBlank());
    if (user.isEmpty()) {
      LOG.debug("Partoo login refused: nobody is signed in");
      return new Minted(null, LoginFailure.unauthenticated());
    }
    Duration wait = limiter.tryAcquire(user.get());
    if (!wait.isZero() && !wait.isNegative()) {
      LOG.info("Partoo login refused: the user's limit of partoo.login.rate-limit is spent for {} ms", wait.toMillis());
      return new Minted(null, LoginFailure.rateLimited(wait));
    }
    try {
      return new Minted(partoo.connectionTokens().generate(user.get(), ttl), null);
    } catch (PartooException e) {
      LoginFailure failure = LoginFailure.of(e, clock);
      // Partoo's messages name the user and never hold a token or the key (the facade's contract).
      LOG.warn("Partoo login answered {}: {}", failure.status(), e.getMessage());
      return new Minted(null, failure);
    }
  }
}
