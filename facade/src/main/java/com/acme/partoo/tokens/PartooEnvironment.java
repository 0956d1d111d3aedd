package com.acme.partoo.tokens;

import java.net.URI;

/** Partoo's public environments: where the API is, and where a browser logs in with a connection token. */
public enum PartooEnvironment {
  /** Live data: {@code https://api.partoo.co/v2}, login on {@code https://app.partoo.co/app}. */
  PRODUCTION("https://api.partoo.co/v2", "https://app.partoo.co/app"),
  /** Partoo's dev environment for clients and partners: {@code https://api.sandbox.partoo.co/v2}. */
  SANDBOX("https://api.sandbox.partoo.co/v2", "https://app.sandbox.partoo.co/app");

  private final URI apiBaseUrl;
  private final URI appBaseUrl;

  PartooEnvironment(String apiBaseUrl, String appBaseUrl) {
    this.apiBaseUrl = URI.create(apiBaseUrl);
    this.appBaseUrl = URI.create(appBaseUrl);
  }

  /** The REST API's base URL, version segment included. */
  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /** The web app's base URL; login URLs are {@code <appBaseUrl>/connection?connection_token=...}. */
  public URI appBaseUrl() {
    return appBaseUrl;
  }
}
