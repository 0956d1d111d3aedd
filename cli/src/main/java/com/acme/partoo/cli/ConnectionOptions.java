package com.acme.partoo.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where and how patiently to talk to Partoo; shared by the commands that call it. */
final class ConnectionOptions {

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Partoo API base URL (default: $PARTOO_BASE_URL, else production, as the vendor bundle lists it).")
  @Nullable String baseUrl;

  @Option(names = "--app-url", paramLabel = "URL",
      description = "Partoo web app base URL for login URLs (default: $PARTOO_APP_URL, else the environment's).")
  @Nullable String appUrl;

  @Option(names = "--sandbox", description = "Use Partoo's sandbox instead of production.")
  boolean sandbox;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "Bound on the whole call, retries included: 10s, 2m, PT30S, 15 (default: 10s).")
  @Nullable Duration timeout;

  @Option(names = "--max-attempts", paramLabel = "N",
      description = "Attempts per call, the first included, 1 to 10 (default: 3).")
  @Nullable Integer maxAttempts;

  @Option(names = "--cacert", paramLabel = "FILE",
      description = "Trust the CA certificates of this PEM file instead of the JVM's default CAs, as curl's --cacert"
          + " (a private or TLS-inspecting proxy's CA).")
  @Nullable Path cacert;

  @Option(names = {"-x", "--proxy"}, paramLabel = "[http://]HOST:PORT",
      description = "HTTP proxy to reach Partoo through (a CONNECT tunnel); '' for none (default: $https_proxy unless"
          + " Partoo's host is loopback or in $no_proxy, else the JVM's). Credentials: $PARTOO_PROXY_USER and"
          + " $PARTOO_PROXY_PASSWORD, never on the command line.")
  @Nullable String proxy;

  /** Checks the values picocli cannot, naming the flag (the facade's messages name its builder's fields). */
  void validate() {
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new UsageException("--timeout must be positive, was " + timeout);
    }
    if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 10)) {
      throw new UsageException("--max-attempts must be from 1 to 10, was " + maxAttempts);
    }
  }
}
