package com.acme.partoo.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;

/**
 * Partoo's public environments: where the API is, and where a browser logs in with a connection token. The API base
 * URLs are those of the vendor bundle this library was built from (its servers described as Production and Sandbox),
 * so they follow the vendor; the login (app) URLs, which the bundle does not carry, are set here.
 */
public enum PartooEnvironment {
  /** Live data: the bundle's production server (e.g. {@code https://api.partoo.co/v2}); login on Partoo's app. */
  PRODUCTION("production", "https://app.partoo.co/app"),
  /** Partoo's dev environment for clients and partners: the bundle's sandbox server, if it lists one. */
  SANDBOX("sandbox", "https://app.sandbox.partoo.co/app");

  /** Written by the build from the bundle's servers (client-generated, WriteServers): production, sandbox. */
  private static final String SERVERS_RESOURCE = "com/acme/partoo/generated/partoo-servers.properties";

  private final String server;
  private final URI appBaseUrl;

  PartooEnvironment(String server, String appBaseUrl) {
    this.server = server;
    this.appBaseUrl = URI.create(appBaseUrl);
  }

  /**
   * The REST API's base URL, version segment included, as the vendor bundle lists it.
   *
   * @throws IllegalStateException if the bundle this library was built from lists no server for this environment
   *     (possible for the sandbox only: the build refuses a bundle without a production server)
   */
  public URI apiBaseUrl() {
    return apiBaseUrl(BundleServers.URLS, this);
  }

  /** The web app's base URL; login URLs are {@code <appBaseUrl>/connection?connection_token=...}. */
  public URI appBaseUrl() {
    return appBaseUrl;
  }

  /** {@code environment}'s API base URL among {@code servers}, or why there is none. */
  static URI apiBaseUrl(Properties servers, PartooEnvironment environment) {
    String url = servers.getProperty(environment.server, "");
    if (url.isBlank()) {
      throw new IllegalStateException("the Partoo bundle this library was built from lists no " + environment.server
          + " server: give the " + environment.server + " API's base URL instead of the environment");
    }
    return URI.create(url);
  }

  /** The generated servers, loaded once, on first use. */
  private static final class BundleServers {
    static final Properties URLS = load();

    private static Properties load() {
      Properties servers = new Properties();
      try (InputStream in = PartooEnvironment.class.getClassLoader().getResourceAsStream(SERVERS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(SERVERS_RESOURCE + " is missing: partoo-facade needs the"
              + " partoo-client-generated of its own version (import partoo-bom)");
        }
        servers.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + SERVERS_RESOURCE, e);
      }
      return servers;
    }
  }
}
