package com.acme.partoo.mock;

/**
 * The users and API key of {@link FakePartoo#withDefaults()} and {@link FakePartoo.Builder#defaultFixture()}: one
 * key whose owner has WRITE access to an ordinary user and to a provider, and one user it has no access to.
 */
public final class DefaultFixture {

  /** The API key to send in {@code x-APIKey}. A fake secret, but treat it like a real one in logs anyway. */
  public static final String API_KEY = "fake-partoo-api-key-8f14e45fceea167a";

  /** Owner of {@link #API_KEY} (an org admin): the {@code generated_by} of every token made with it. */
  public static final String OWNER_USER_ID = "fake-org-admin";

  /** A business manager the key has WRITE access to: connection tokens can be generated for it. */
  public static final String USER_ID = "fake-business-manager";

  /** A provider the key has WRITE access to: generating a token for it is refused (403). */
  public static final String PROVIDER_USER_ID = "fake-provider";

  /** An existing user the key has no WRITE access to: every operation on it is refused (403). */
  public static final String NO_ACCESS_USER_ID = "fake-other-business-manager";

  private DefaultFixture() {}
}
