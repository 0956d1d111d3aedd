package com.acme.partoo.mock.internal;

import java.util.Objects;
import java.util.Set;

/**
 * An API key, the user who owns it and the users it has WRITE access to.
 *
 * @param key the secret sent in {@code x-APIKey}
 * @param ownerId the owner, reported as {@code generated_by}
 * @param writeAccess the users whose tokens this key may generate, check and revoke
 */
public record ApiKeyGrant(String key, String ownerId, Set<String> writeAccess) {

  /** Copies {@code writeAccess}; rejects a blank key or owner. */
  public ApiKeyGrant {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ownerId, "ownerId");
    if (key.isBlank()) {
      throw new IllegalArgumentException("API key must not be blank");
    }
    if (ownerId.isBlank()) {
      throw new IllegalArgumentException("API key owner must not be blank");
    }
    writeAccess = Set.copyOf(writeAccess);
  }

  /** Whether this key may act on {@code userId}'s connection tokens. */
  public boolean canWrite(String userId) {
    return writeAccess.contains(userId);
  }

  /** Owner and access, never the key, not even part of it. */
  @Override
  public String toString() {
    return "ApiKeyGrant[owner=" + ownerId + ", writeAccess=" + writeAccess + "]";
  }
}
