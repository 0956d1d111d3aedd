package com.acme.partoo.tokens;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * No connection to Partoo could be set up because of this service's configuration, not because of Partoo: its
 * certificate is not trusted or does not match the host name, no TLS version or cipher is shared ({@link FailureKind#TLS}),
 * or the HTTP proxy refused the tunnel ({@link FailureKind#PROXY}). Sent once, never retried, not held against Partoo
 * by the outage protection; the message says what to fix. Retrying will not help until the configuration changes.
 */
public final class TransportConfigurationException extends PartooConnectionException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  /**
   * See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}.
   *
   * @param kind {@link FailureKind#TLS} or {@link FailureKind#PROXY}
   * @throws IllegalArgumentException for another kind
   */
  public TransportConfigurationException(String message, Details details, @Nullable Throwable cause, FailureKind kind) {
    super(message, details, cause);
    if (Objects.requireNonNull(kind, "kind") != FailureKind.TLS && kind != FailureKind.PROXY) {
      throw new IllegalArgumentException("kind must be TLS or PROXY, was " + kind);
    }
    this.kind = kind;
  }

  /** {@link FailureKind#TLS} (trust, host name, protocol) or {@link FailureKind#PROXY} (the proxy refused). */
  public FailureKind kind() {
    return kind;
  }
}
