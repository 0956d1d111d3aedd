package com.acme.partoo.cli;

import com.acme.partoo.tokens.PartooClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * This machine's TLS trust and proxy, as curl takes them: {@code --cacert FILE} (those CAs instead of the JVM's);
 * {@code --proxy [http://]HOST:PORT}, else {@code https_proxy} unless Partoo's host is loopback or {@code no_proxy}
 * covers it, else the JVM's settings. Proxy credentials come from {@code PARTOO_PROXY_USER} and
 * {@code PARTOO_PROXY_PASSWORD}, or from {@code https_proxy}'s user-info, never from the command line. Refusals are
 * usage errors that quote no credential.
 */
final class TransportSettings {

  static final String PROXY_USER_ENV = "PARTOO_PROXY_USER";
  static final String PROXY_PASSWORD_ENV = "PARTOO_PROXY_PASSWORD";
  private static final String PROXY_FLAG = "--proxy";

  private TransportSettings() {}

  /**
   * Applies {@code --cacert} and the proxy to {@code builder}.
   *
   * @param partoo the API base URL the client calls, whose host {@code no_proxy} is matched against
   * @throws UsageException for an unreadable CA file, a proxy that cannot be used, or credentials on the command line
   */
  static void apply(ConnectionOptions options, Map<String, String> env, URI partoo, PartooClient.Builder builder) {
    if (options.cacert != null) {
      trust(options.cacert, builder);
    }
    ProxyUrl proxy = options.proxy != null ? ProxyUrl.parse(options.proxy, PROXY_FLAG)
        : fromEnvironment(env, partoo.getHost());
    if (proxy == null) {
      return; // the JVM's ProxySelector: -Dhttps.proxyHost=... in JAVA_OPTS
    }
    if (proxy.user != null && proxy.source.equals(PROXY_FLAG)) {
      throw new UsageException(PROXY_FLAG + " must not carry credentials: the command line is seen by other users"
          + " (ps) and kept in shell history. Give them in " + PROXY_USER_ENV + " and " + PROXY_PASSWORD_ENV
          + ", and consider a password typed there exposed (nothing was sent)");
    }
    builder.proxy(proxy.proxy);
    PasswordAuthentication credentials = credentials(env, proxy);
    if (credentials != null) {
      builder.proxyCredentials(() -> credentials);
    }
  }

  /** The CA certificates of {@code file}, instead of the JVM's; refusals name the flag, never quote the file. */
  private static void trust(Path file, PartooClient.Builder builder) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UsageException("--cacert " + file + " cannot be read (" + e.getClass().getSimpleName()
          + "): give a PEM file of CA certificates (nothing was sent)", e);
    }
    try {
      builder.trustedCertificates(pem);
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()).replace("trustedCertificates", "--cacert " + file)
          + " (nothing was sent)", e);
    }
  }

  /**
   * {@code https_proxy} (curl reads the lower-case name first), unless Partoo's host is a loopback one (as Go's and the
   * JVM's defaults do: a proxy elsewhere cannot reach this machine's loopback) or {@code no_proxy} covers it.
   */
  private static @Nullable ProxyUrl fromEnvironment(Map<String, String> env, @Nullable String host) {
    String name = firstSet(env, "https_proxy", "HTTPS_PROXY");
    if (name == null || host == null || loopback(host)) {
      return null;
    }
    String noProxy = firstSet(env, "no_proxy", "NO_PROXY");
    if (noProxy != null && bypassed(host, env.get(noProxy))) {
      return null;
    }
    return ProxyUrl.parse(env.get(name), name);
  }

  /** {@code localhost}, or a loopback address written as one; a name is not looked up. */
  static boolean loopback(String host) {
    String name = unbracketed(host.toLowerCase(Locale.ROOT));
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (!name.matches("[0-9.]+") && !name.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress(); // a literal: parsed, never resolved
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The first of {@code names} set to something else than blanks in {@code env}, or null. */
  private static @Nullable String firstSet(Map<String, String> env, String... names) {
    return Arrays.stream(names).filter(name -> env.get(name) != null && !env.get(name).isBlank()).findFirst()
        .orElse(null);
  }

  /**
   * Whether {@code noProxy} (comma-separated, as curl reads it: {@code *}, host names, domain suffixes with or
   * without a leading dot, IP addresses; not CIDR ranges) covers {@code host}.
   */
  static boolean bypassed(String host, String noProxy) {
    String name = unbracketed(host.toLowerCase(Locale.ROOT));
    return Arrays.stream(noProxy.split(","))
        .map(entry -> unbracketed(entry.strip().toLowerCase(Locale.ROOT)))
        .map(entry -> entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry)
        .filter(entry -> !entry.isEmpty())
        .anyMatch(entry -> entry.equals("*") || name.equals(entry) || name.endsWith("." + entry));
  }

  private static @Nullable PasswordAuthentication credentials(Map<String, String> env, ProxyUrl proxy) {
    String user = nonBlank(env, PROXY_USER_ENV);
    String password = env.get(PROXY_PASSWORD_ENV);
    boolean hasPassword = password != null && !password.isEmpty();
    if (user != null || hasPassword) {
      if (user == null || !hasPassword) {
        throw new UsageException((user == null ? PROXY_USER_ENV : PROXY_PASSWORD_ENV) + " is not set, but "
            + (user == null ? PROXY_PASSWORD_ENV : PROXY_USER_ENV) + " is: set both for a proxy that asks for"
            + " credentials, or neither (nothing was sent)");
      }
      return new PasswordAuthentication(user, password.toCharArray());
    }
    return proxy.user == null ? null
        : new PasswordAuthentication(proxy.user, proxy.password == null ? new char[0] : proxy.password.toCharArray());
  }

  private static @Nullable String nonBlank(Map<String, String> env, String name) {
    return firstSet(env, name) == null ? null : env.get(name).strip();
  }

  private static String unbracketed(String host) {
    return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
  }

  /** A proxy as curl writes it, {@code [http://][user[:password]@]host:port}, and where it came from. */
  private record ProxyUrl(Proxy proxy, @Nullable String user, @Nullable String password, String source) {

    /** {@code value} of {@code source} (the flag or a variable's name); {@code ""} means none. */
    static ProxyUrl parse(String value, String source) {
      String text = value.strip();
      if (text.isEmpty()) {
        return new ProxyUrl(Proxy.NO_PROXY, null, null, source);
      }
      URI uri;
      try {
        uri = new URI(text.contains("://") ? text : "http://" + text);
      } catch (URISyntaxException e) {
        throw refused(source, "is not a proxy address"); // not quoted: it may hold a password
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http")) {
        throw refused(source, "must be an HTTP proxy (http://HOST:PORT, which tunnels https with CONNECT), was "
            + scheme + "://");
      }
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw refused(source, "must be HOST:PORT or http://HOST:PORT, e.g. proxy.corp.example:3128");
      }
      if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw refused(source, "must be the proxy's address alone, without a path: http://HOST:PORT");
      }
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = percentDecoded(parts[0]);
        password = parts.length > 1 ? percentDecoded(parts[1]) : null;
      }
      // Unresolved: the name is looked up when connecting, as for Partoo's own host.
      InetSocketAddress address = InetSocketAddress.createUnresolved(unbracketed(uri.getHost()), uri.getPort());
      return new ProxyUrl(new Proxy(Proxy.Type.HTTP, address), user, password, source);
    }

    /** RFC 3986 percent-decoding: unlike a form's, a {@code +} stays a {@code +}. */
    private static String percentDecoded(String text) {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static UsageException refused(String source, String problem) {
      return new UsageException(source + " " + problem + " (nothing was sent)");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return "ProxyUrl[" + proxy + ", user=" + user + ", source=" + source + "]";
    }
  }
}
