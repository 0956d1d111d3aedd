package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.PartooProperties;
import com.acme.partoo.tokens.PartooClient;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * {@code partoo.ssl.bundle} and {@code partoo.proxy.*} onto the builder: the SSL bundle's context with its trust
 * manager, the HTTP proxy, and its credentials read from the bound properties each time a tunnel is opened (so that a
 * rebinding, as Spring Cloud's refresh does, rotates them). Never puts a password in a message.
 */
final class TransportProperties {

  static final String SSL_BUNDLE = "partoo.ssl.bundle";
  static final String PROXY_HOST = "partoo.proxy.host";
  static final String PROXY_PORT = "partoo.proxy.port";
  static final String PROXY_USERNAME = "partoo.proxy.username";
  static final String PROXY_PASSWORD = "partoo.proxy.password";

  private static final Logger LOG = LoggerFactory.getLogger(TransportProperties.class);

  private TransportProperties() {}

  /**
   * Applies the properties that are set; refusals go to {@code problems}.
   *
   * @param bundles the application's SSL bundles; null when it has none (Boot's SSL auto-configuration left out)
   * @return the first of these properties that is set, null if none is: a conflict {@code build()} finds with a
   *     customizer's settings is reported against it
   */
  static @Nullable String apply(PartooProperties properties, @Nullable SslBundles bundles,
      PartooClient.Builder builder, PropertyProblems problems) {
    String bundle = properties.getSsl().getBundle();
    if (bundle != null) {
      sslBundle(bundle.strip(), bundles, builder, problems);
    }
    PartooProperties.Proxy proxy = properties.getProxy();
    boolean proxied = proxy.getHost() != null || proxy.getPort() != null;
    if (proxied) {
      proxy(proxy.getHost(), proxy.getPort(), builder, problems);
    }
    boolean authenticated = credentials(proxy, builder, problems);
    return bundle != null ? SSL_BUNDLE : proxied ? PROXY_HOST : authenticated ? PROXY_USERNAME : null;
  }

  /** The bundle's SSL context and its one X.509 trust manager, as Spring Boot 3's OkHttp request factory used one. */
  private static void sslBundle(String name, @Nullable SslBundles bundles, PartooClient.Builder builder,
      PropertyProblems problems) {
    if (bundles == null) {
      problems.add(SSL_BUNDLE, SSL_BUNDLE + " names the SSL bundle '" + name + "', but this application has no SSL"
          + " bundles (Spring Boot's SslAutoConfiguration is excluded or replaced)");
      return;
    }
    SslBundle bundle;
    try {
      bundle = bundles.getBundle(name);
    } catch (NoSuchSslBundleException e) {
      List<String> names = bundles.getBundleNames();
      problems.add(SSL_BUNDLE, SSL_BUNDLE + " names no SSL bundle of this application: '" + name + "'. Define it"
          + " under spring.ssl.bundle.pem." + name + " (PEM files or text) or spring.ssl.bundle.jks." + name
          + " (a key store), or name one it has (" + (names.isEmpty() ? "it has none" : String.join(", ", names))
          + ")");
      return;
    }
    if (bundle.getOptions().isSpecified()) {
      // OkHttp takes TLS versions and cipher suites from its ConnectionSpec, which the facade keeps to its modern
      // defaults: applying some options and ignoring others would be a silent surprise.
      problems.add(SSL_BUNDLE, SSL_BUNDLE + " names the SSL bundle '" + name + "', whose options (ciphers,"
          + " enabled-protocols) the Partoo client cannot apply: it offers OkHttp's modern TLS versions and cipher"
          + " suites. Remove the options from that bundle, or give Partoo a bundle of its own");
      return;
    }
    problems.run(SSL_BUNDLE, () -> {
      X509TrustManager trustManager = onlyX509(name, bundle.getManagers().getTrustManagers());
      builder.sslContext(bundle.createSslContext(), trustManager);
    });
    bundles.addBundleUpdateHandler(name, updated -> LOG.warn("The SSL bundle '{}' was reloaded; the Partoo client"
        + " keeps the one it was created with until the application restarts ({})", name, SSL_BUNDLE));
  }

  private static X509TrustManager onlyX509(String name, TrustManager[] trustManagers) {
    if (trustManagers.length != 1 || !(trustManagers[0] instanceof X509TrustManager trustManager)) {
      throw new IllegalStateException(SSL_BUNDLE + " names the SSL bundle '" + name + "', which must provide exactly"
          + " one X.509 trust manager; it has " + trustManagers.length + " trust managers");
    }
    return trustManager;
  }

  private static void proxy(@Nullable String host, @Nullable Integer port, PartooClient.Builder builder,
      PropertyProblems problems) {
    String address = host == null ? null : unbracketed(host.strip());
    boolean fine = true;
    if (address == null || address.isEmpty()) {
      problems.add(PROXY_HOST, PROXY_HOST + " is required with " + PROXY_PORT + ": the proxy's host name or address");
      fine = false;
    } else if (!isHostAlone(address)) {
      // Not quoted: someone may have written http://user:password@proxy here.
      problems.add(PROXY_HOST, PROXY_HOST + " must be the proxy's host name or address alone, without a scheme,"
          + " credentials, port or path: the port goes in " + PROXY_PORT + ", the credentials in " + PROXY_USERNAME
          + " and " + PROXY_PASSWORD);
      fine = false;
    }
    if (port == null) {
      problems.add(PROXY_PORT, PROXY_PORT + " is required with " + PROXY_HOST + ": the proxy's port, e.g. 3128");
      fine = false;
    } else if (port < 1 || port > 65_535) {
      problems.add(PROXY_PORT, PROXY_PORT + " must be from 1 to 65535, was " + port);
      fine = false;
    }
    if (fine) {
      // Unresolved: the proxy's name is looked up when a connection is made, so a proxy that moves is followed.
      builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(address, port)));
    }
  }

  /** Sets the credentials supplier when a user and a password are set; returns whether it did. */
  private static boolean credentials(PartooProperties.Proxy proxy, PartooClient.Builder builder,
      PropertyProblems problems) {
    boolean user = proxy.getUsername() != null && !proxy.getUsername().isBlank();
    boolean password = proxy.getPassword() != null && !proxy.getPassword().isEmpty();
    if (user && !password) {
      problems.add(PROXY_PASSWORD, PROXY_PASSWORD + " is required with " + PROXY_USERNAME + " (from the environment,"
          + " PARTOO_PROXY_PASSWORD, or a secret store)");
    } else if (password && !user) {
      problems.add(PROXY_USERNAME, PROXY_USERNAME + " is required with " + PROXY_PASSWORD);
    } else if (user) {
      builder.proxyCredentials(() -> current(proxy));
      return true;
    }
    return false;
  }

  /** The credentials bound now: a rebinding of the properties (a refreshed secret) is seen by the next tunnel. */
  private static @Nullable PasswordAuthentication current(PartooProperties.Proxy proxy) {
    String user = proxy.getUsername();
    String password = proxy.getPassword();
    return user == null || password == null ? null : new PasswordAuthentication(user, password.toCharArray());
  }

  private static String unbracketed(String host) {
    return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
  }

  /** A name or an address, IPv6 included; not {@code host:port}, a URL or {@code user@host}. */
  private static boolean isHostAlone(String host) {
    boolean separators = host.chars().anyMatch(c -> c == '/' || c == '@' || Character.isWhitespace(c));
    long colons = host.chars().filter(c -> c == ':').count();
    return !separators && colons != 1; // one colon is host:port; an IPv6 address has two or more
  }
}
