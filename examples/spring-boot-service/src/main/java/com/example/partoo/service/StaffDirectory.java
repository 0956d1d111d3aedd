package com.example.partoo.service;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service's own users and the Partoo user each one is: in a real service, its user store (a table, the identity
 * provider's claims). Here two demo users in memory, with the fake Partoo's ids: {@code alice} may open Partoo,
 * {@code bob} is a user Partoo refuses to this service's key.
 */
final class StaffDirectory {

  /** A user of this service: name, password (demo only: {@code {noop}} means unhashed), Partoo user id. */
  record Member(String username, String password, String partooUserId) {}

  private final Map<String, Member> members;

  StaffDirectory(Member... members) {
    this.members = Arrays.stream(members).collect(Collectors.toUnmodifiableMap(Member::username, member -> member));
  }

  /** The demo users. */
  static StaffDirectory demo() {
    return new StaffDirectory(new Member("alice", "{noop}alice-password", "fake-business-manager"),
        new Member("bob", "{noop}bob-password", "fake-other-business-manager"));
  }

  /** Every member. */
  Iterable<Member> members() {
    return members.values();
  }

  /** The Partoo user id of the member signed in as {@code username}, if this service knows one. */
  Optional<String> partooUserId(String username) {
    return Optional.ofNullable(members.get(username)).map(Member::partooUserId);
  }
}
