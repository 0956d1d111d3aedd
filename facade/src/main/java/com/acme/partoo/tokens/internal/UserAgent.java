package com.acme.partoo.tokens.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** The User-Agent: library name and version, Java version, then the caller's suffix. */
public final class UserAgent {

  private static final String VERSION = readVersion();

  private UserAgent() {}

  /** The library's version, from the build. */
  public static String libraryVersion() {
    return VERSION;
  }

  /**
   * E.g. {@code partoo-token-client-java/1.2.0 (Java 17.0.15) billing-service/4.1}.
   *
   * @throws IllegalArgumentException if the suffix is blank or has characters a header cannot carry
   */
  public static String of(@Nullable String suffix) {
    String base = "partoo-token-client-java/" + VERSION + " (Java " + System.getProperty("java.version") + ")";
    if (suffix == null) {
      return base;
    }
    if (suffix.isBlank() || !suffix.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw new IllegalArgumentException("userAgentSuffix must be non-blank printable ASCII, was '" + suffix + "'");
    }
    return base + " " + suffix.strip();
  }

  private static String readVersion() {
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
