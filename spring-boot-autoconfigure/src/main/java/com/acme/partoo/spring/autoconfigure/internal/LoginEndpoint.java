package com.acme.partoo.spring.autoconfigure.internal;

/** Which login endpoint served a request, as the {@code endpoint} tag of {@code partoo.login.requests} says it. */
public enum LoginEndpoint {
  /** {@code GET partoo.login.path}: the redirect. */
  LOGIN("login"),
  /** {@code POST partoo.login.token-path}: the JSON token. */
  TOKEN("token");

  private final String tag;

  LoginEndpoint(String tag) {
    this.tag = tag;
  }

  /** The tag value. */
  public String tag() {
    return tag;
  }
}
