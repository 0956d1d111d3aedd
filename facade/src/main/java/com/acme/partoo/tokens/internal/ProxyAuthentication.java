package com.acme.partoo.tokens.internal;

import java.io.IOException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Answers an HTTP proxy's authentication, as OkHttp's proxy authenticator: the credentials are read per use (so a
 * rotated password works without a new client) and sent preemptively with the first {@code CONNECT}, which OkHttp
 * offers by asking with a made-up challenge. A real {@code 407} that cannot be answered (no credentials, or the ones
 * sent were refused) throws {@link RefusedException}, so the call ends as a proxy configuration error after that one
 * {@code CONNECT}, instead of OkHttp's plain {@code IOException}. Without credentials of ours, a shared client's own
 * proxy authenticator answers, and is treated the same way when it gives up.
 */
final class ProxyAuthentication implements Authenticator {

  private static final String PREEMPTIVE_CHALLENGE = "OkHttp-Preemptive";
  private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

  private final @Nullable Supplier<@Nullable PasswordAuthentication> credentials;
  private final Authenticator delegate;

  /**
   * @param credentials read each time a tunnel is opened; null to let {@code delegate} answer
   * @param delegate a shared client's proxy authenticator, or {@link Authenticator#NONE}
   */
  ProxyAuthentication(@Nullable Supplier<@Nullable PasswordAuthentication> credentials, Authenticator delegate) {
    this.credentials = credentials;
    this.delegate = delegate;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) throws IOException {
    boolean preemptive = PREEMPTIVE_CHALLENGE.equalsIgnoreCase(response.header("Proxy-Authenticate"));
    if (credentials == null) {
      Request answer = delegate.authenticate(route, response);
      if (answer != null || preemptive) {
        return answer; // no answer to the made-up challenge: the CONNECT goes without credentials
      }
    } else if (preemptive) {
      return withCredentials(response.request());
    }
    throw new RefusedException(describe(route), problem(response));
  }

  private Request withCredentials(Request connect) {
    PasswordAuthentication current;
    try {
      current = credentials.get();
    } catch (RuntimeException e) {
      // The supplier's own message could quote the password: the CONNECT goes without, and the proxy says 407.
      return connect;
    }
    if (current == null) {
      return connect;
    }
    String value = Credentials.basic(current.getUserName(), new String(current.getPassword()), StandardCharsets.UTF_8);
    return connect.newBuilder().header(PROXY_AUTHORIZATION, value).build();
  }

  /** Why the tunnel was refused, without the credentials: what was sent, and what the proxy asks for. */
  private static String problem(Response response) {
    boolean sent = response.request().header(PROXY_AUTHORIZATION) != null;
    Set<String> schemes = new LinkedHashSet<>();
    for (String challenge : response.headers("Proxy-Authenticate")) {
      String scheme = challenge.strip().split("[\\s,]", 2)[0];
      if (!scheme.isEmpty()) {
        schemes.add(scheme.toUpperCase(Locale.ROOT).equals("BASIC") ? "Basic" : scheme);
      }
    }
    return "it answered 407 Proxy Authentication Required"
        + (sent ? ", refusing the credentials this client sent" : ", and this client has no proxy credentials to send")
        + (schemes.isEmpty() ? "" : " (it asks for " + String.join(", ", schemes) + ")");
  }

  private static @Nullable String describe(@Nullable Route route) {
    if (route == null || route.proxy().type() != Proxy.Type.HTTP) {
      return null;
    }
    return Proxies.describe(route.proxy());
  }

  /** The proxy refused the tunnel, and there is nothing more to try; never carries a credential. */
  static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String proxy;
    private final String problem;

    RefusedException(@Nullable String proxy, String problem) {
      super("the HTTP proxy" + (proxy == null ? "" : " at " + proxy) + " refused the tunnel: " + problem);
      this.proxy = proxy;
      this.problem = problem;
    }

    @Nullable String proxy() {
      return proxy;
    }

    String problem() {
      return problem;
    }
  }
}
