package com.acme.partoo.mock;

import java.util.Objects;

/**
 * A Partoo user the fake knows: an opaque id (as sent in {@code user_id}) and a role.
 *
 * @param id the user id, non-blank
 * @param role the user's role
 */
public record User(String id, Role role) {

  /** Validates that the id is non-blank and the role present. */
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    if (id.isBlank()) {
      throw new IllegalArgumentException("user id must not be blank");
    }
  }
}
