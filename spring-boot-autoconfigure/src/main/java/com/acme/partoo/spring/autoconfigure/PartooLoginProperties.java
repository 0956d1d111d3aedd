package com.acme.partoo.spring.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code partoo.login.*} properties of the login endpoints, served when a Spring MVC application defines a
 * {@link PartooUserResolver}: {@code GET path} redirects the signed-in user into Partoo, {@code POST token-path} gives
 * Partoo's JS SDK a token. Checked at start-up: a bad value fails it with the property's name.
 */
@ConfigurationProperties("partoo.login")
public class PartooLoginProperties {

  /** The default TTL: the token is used seconds after it is minted, and a minute covers slow mobile networks. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(60);

  /** The default number of tokens a user may get a minute: several tabs and reloads, never a script's loop. */
  public static final int DEFAULT_RATE_LIMIT = 10;

  /** Whether to serve the login endpoints when the application defines a PartooUserResolver bean. */
  private boolean enabled = true;

  /**
   * Path of the redirect endpoint, the href of an "Open Partoo" link: GET mints a token for the signed-in user and
   * answers 303 to Partoo's login URL.
   */
  private String path = "/partoo/login";

  /**
   * Path of the token endpoint for Partoo's JS SDK: POST (behind the application's CSRF protection) answers
   * {"token", "expiration_date"}.
   */
  private String tokenPath = "/partoo/connection-token";

  /** Time to live of the tokens minted here, 1s to 1d: they are used at once, by a redirect or the JS SDK. */
  private Duration tokenTtl = DEFAULT_TOKEN_TTL;

  /** Tokens one Partoo user may get a minute, from both endpoints together; beyond it 429 with Retry-After. */
  private int rateLimit = DEFAULT_RATE_LIMIT;

  /**
   * Users whose allowance is remembered at once (the least recently seen are forgotten first, which only makes the
   * limit more lenient): bounds the limiter's memory, about 0.5 KB per user (9 MiB by default).
   */
  private int rateLimitMaxUsers = 20_000;

  /**
   * Where the redirect endpoint sends the browser when it cannot log the user in (a path or URL), with
   * error=refused|not_found|rate_limited|unavailable added; default: a short page with the status.
   */
  private @Nullable String failureUrl;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getTokenPath() {
    return tokenPath;
  }

  public void setTokenPath(String tokenPath) {
    this.tokenPath = tokenPath;
  }

  public Duration getTokenTtl() {
    return tokenTtl;
  }

  public void setTokenTtl(Duration tokenTtl) {
    this.tokenTtl = tokenTtl;
  }

  public int getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(int rateLimit) {
    this.rateLimit = rateLimit;
  }

  public int getRateLimitMaxUsers() {
    return rateLimitMaxUsers;
  }

  public void setRateLimitMaxUsers(int rateLimitMaxUsers) {
    this.rateLimitMaxUsers = rateLimitMaxUsers;
  }

  public @Nullable String getFailureUrl() {
    return failureUrl;
  }

  public void setFailureUrl(@Nullable String failureUrl) {
    this.failureUrl = failureUrl;
  }
}
