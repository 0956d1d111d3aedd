package com.acme.partoo.tokens.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Base URL rules (https, or http on loopback only; no credentials, query or fragment) and login URLs. */
public final class Urls {

  private Urls() {}

  /**
   * {@code url} checked and ending with exactly one slash, as Retrofit needs.
   *
   * @param name the builder property, for messages
   * @throws IllegalArgumentException if the URL is unusable or plain http to a non-loopback host
   */
  public static String normalizeBase(URI url, String name) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a host, was " + url);
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(name + " must not contain credentials");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " must not have a query or fragment, was " + url);
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(name + " must use https (plain http is only allowed to a loopback host,"
          + " for tests), was " + url);
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text + "/";
  }

  /** {@code <appBaseUrl>connection?connection_token=<token, percent-encoded>}; {@code appBaseUrl} ends with '/'. */
  public static URI loginUrl(String appBaseUrl, String token) {
    // URLEncoder writes form encoding: a space becomes '+', which a query parser may not read as a space.
    String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(appBaseUrl + "connection?connection_token=" + encoded);
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses are checked, so no DNS lookup happens here.
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
