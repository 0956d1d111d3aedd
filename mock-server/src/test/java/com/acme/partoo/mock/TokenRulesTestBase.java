package com.acme.partoo.mock;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixture of the token-rule tests: the default fake with a clock moved by hand, a client for it, and the default
 * key and user. Tests read "now" from {@link #CLOCK} rather than assuming it, so moving it never disturbs another.
 */
abstract class TokenRulesTestBase {

  static final MutableClock CLOCK = new MutableClock();
  static final String KEY = DefaultFixture.API_KEY;
  static final String USER = DefaultFixture.USER_ID;

  @RegisterExtension
  static final FakePartooExtension PARTOO =
      FakePartooExtension.using(FakePartoo.builder().defaultFixture().clock(CLOCK));

  final PartooHttp http = new PartooHttp(PARTOO);
}
