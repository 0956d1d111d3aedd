package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fake's users and API keys, checked for consistency once and immutable afterwards. */
final class Directory {

  private final Map<String, User> users;
  private final Map<String, ApiKeyGrant> keys;

  /**
   * Indexes {@code users} and {@code keys}.
   *
   * @throws IllegalStateException if a user id or key repeats, or a key names an owner or grantee not in users
   */
  Directory(List<User> users, List<ApiKeyGrant> keys) {
    Map<String, User> usersById = new LinkedHashMap<>();
    for (User user : users) {
      if (usersById.putIfAbsent(user.id(), user) != null) {
        throw new IllegalStateException("user '" + user.id() + "' is declared twice");
      }
    }
    Map<String, ApiKeyGrant> grantsByKey = new LinkedHashMap<>();
    for (ApiKeyGrant grant : keys) {
      requireDeclared(usersById, grant.ownerId(), "the owner of an API key");
      grant.writeAccess().forEach(id -> requireDeclared(usersById, id, "WRITE access of " + grant.ownerId() + "'s key"));
      if (grantsByKey.putIfAbsent(grant.key(), grant) != null) {
        throw new IllegalStateException("an API key is declared twice (owner " + grant.ownerId() + ")");
      }
    }
    this.users = Map.copyOf(usersById);
    this.keys = Map.copyOf(grantsByKey);
  }

  /** The user with this id, if declared. */
  Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  /** What {@code apiKey} may do, if it is a declared key. */
  Optional<ApiKeyGrant> grant(String apiKey) {
    return Optional.ofNullable(keys.get(apiKey));
  }

  /** A summary with counts only: no key, not even part of one. */
  @Override
  public String toString() {
    return "Directory[users=" + users.size() + ", apiKeys=" + keys.size() + "]";
  }

  private static void requireDeclared(Map<String, User> users, String id, String what) {
    if (!users.containsKey(id)) {
      throw new IllegalStateException(what + ": user '" + id + "' is not declared; add it with user(id, role)");
    }
  }
}
