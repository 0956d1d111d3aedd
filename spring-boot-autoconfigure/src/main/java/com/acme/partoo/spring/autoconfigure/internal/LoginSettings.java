package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.PartooLoginProperties;
import com.acme.partoo.tokens.ConnectionTokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code partoo.login.*} properties, checked: built at start-up, so that a bad value stops it with the property's
 * name (through the failure report of {@link InvalidPartooPropertiesException}) instead of failing a user's login.
 *
 * @param path the redirect endpoint's path
 * @param tokenPath the token endpoint's path
 * @param tokenTtl the TTL sent with each token, whole seconds from 1 s to {@link ConnectionTokens#MAX_TTL}
 * @param rateLimit tokens per user a minute, at least 1
 * @param rateLimitMaxUsers users the limiter remembers at once, at least 1
 * @param failureUrl where the redirect endpoint sends a browser it cannot log in, or null for a page
 */
public record LoginSettings(String path, String tokenPath, Duration tokenTtl, int rateLimit, int rateLimitMaxUsers,
    @Nullable URI failureUrl) {

  /** The limit's period: {@code partoo.login.rate-limit} is per minute. */
  public static final Duration RATE_LIMIT_PERIOD = Duration.ofMinutes(1);

  /** @throws InvalidPartooPropertiesException naming every property that cannot be used */
  public static LoginSettings from(PartooLoginProperties properties) {
    PropertyProblems problems = new PropertyProblems();
    path(problems, "partoo.login.path", properties.getPath());
    path(problems, "partoo.login.token-path", properties.getTokenPath());
    if (properties.getPath() != null && properties.getPath().equals(properties.getTokenPath())) {
      problems.add("partoo.login.token-path", "partoo.login.token-path must differ from partoo.login.path, both are "
          + properties.getPath());
    }
    Duration ttl = properties.getTokenTtl();
    if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(ConnectionTokens.MAX_TTL) > 0
        || ttl.getNano() != 0) {
      problems.add("partoo.login.token-ttl", "partoo.login.token-ttl must be whole seconds from 1s to 1d (Partoo's"
          + " maximum), was " + ttl);
    }
    if (properties.getRateLimit() < 1) {
      problems.add("partoo.login.rate-limit", "partoo.login.rate-limit must be at least 1 (tokens per user a minute),"
          + " was " + properties.getRateLimit());
    }
    if (properties.getRateLimitMaxUsers() < 1) {
      problems.add("partoo.login.rate-limit-max-users", "partoo.login.rate-limit-max-users must be at least 1, was "
          + properties.getRateLimitMaxUsers());
    }
    URI failureUrl = failureUrl(problems, properties.getFailureUrl());
    problems.throwIfAny(InvalidPartooPropertiesException.Subject.LOGIN);
    return new LoginSettings(properties.getPath(), properties.getTokenPath(), ttl, properties.getRateLimit(),
        properties.getRateLimitMaxUsers(), failureUrl);
  }

  private static void path(PropertyProblems problems, String property, @Nullable String path) {
    if (path == null || !path.startsWith("/") || path.contains("*") || path.contains("{") || path.contains("?")
        || path.chars().anyMatch(Character::isWhitespace)) {
      problems.add(property, property + " must be a path starting with / (no pattern, query or space), was " + path);
    }
  }

  private static @Nullable URI failureUrl(PropertyProblems problems, @Nullable String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getRawFragment() == null && (uri.isAbsolute() ? isHttp(uri) : url.startsWith("/"))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add("partoo.login.failure-url", "partoo.login.failure-url must be a path starting with / or an http(s)"
        + " URL, without a fragment, was " + url);
    return null;
  }

  private static boolean isHttp(URI uri) {
    return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        && uri.getHost() != null;
  }
}
