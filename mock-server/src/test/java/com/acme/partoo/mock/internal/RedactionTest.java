package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.mock.Role;
import com.acme.partoo.mock.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tokens and API keys are credentials: nothing the fake may print shows any part of one, not even masked. "Any
 * part" is checked as every run of four characters of the secret.
 */
class RedactionTest {

  private static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";
  private static final String KEY = "key-QwErTyUiOpAsDfGh";
  private static final List<User> USERS = List.of(new User("admin", Role.ORG_ADMIN), new User("u1", Role.PROVIDER));

  /** Fails if {@code text} holds any four consecutive characters of {@code secret}. */
  static void assertShowsNoPartOf(String secret, String text) {
    for (int start = 0; start + 4 <= secret.length(); start++) {
      assertThat(text).as("printed text must not show part of a secret").doesNotContain(secret.substring(start, start + 4));
    }
  }

  @Test
  void issuedTokenNamesUserOwnerAndDatesButNoPartOfTheToken() {
    IssuedToken issued = new IssuedToken(TOKEN, "u1", "admin", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);

    assertThat(issued.toString()).isEqualTo(
        "IssuedToken[for user u1, by admin, expires 1970-01-01T00:00:00Z, consumed 1970-01-01T00:00:00Z]");
    assertShowsNoPartOf(TOKEN, issued.toString());
  }

  @Test
  void apiKeyGrantAndDirectoryShowNoPartOfTheKey() {
    ApiKeyGrant grant = new ApiKeyGrant(KEY, "admin", Set.of("u1"));
    Directory directory = new Directory(USERS, List.of(grant));

    assertThat(grant.toString()).isEqualTo("ApiKeyGrant[owner=admin, writeAccess=[u1]]");
    assertThat(directory.toString()).isEqualTo("Directory[users=2, apiKeys=1]");
    assertShowsNoPartOf(KEY, grant + " " + directory);
  }

  @Test
  void aKeyDeclaredTwiceIsNamedByItsOwnerOnly() {
    List<ApiKeyGrant> twice = List.of(new ApiKeyGrant(KEY, "admin", Set.of()), new ApiKeyGrant(KEY, "u1", Set.of()));

    assertThatThrownBy(() -> new Directory(USERS, twice))
        .hasMessage("an API key is declared twice (owner u1)")
        .satisfies(e -> assertShowsNoPartOf(KEY, e.getMessage()));
  }

  @Test
  void aKeyWithAnUndeclaredOwnerIsNamedByItsOwnerOnly() {
    List<ApiKeyGrant> orphan = List.of(new ApiKeyGrant(KEY, "ghost", Set.of()));

    assertThatThrownBy(() -> new Directory(USERS, orphan))
        .hasMessageContaining("user 'ghost' is not declared")
        .satisfies(e -> assertShowsNoPartOf(KEY, e.getMessage()));
  }

  @Test
  void aRunningFakeItsTestSharesFaultsAndJournalShowNoPartOfTheKey() {
    FakeServer.Settings settings = new FakeServer.Settings(USERS, List.of(new ApiKeyGrant(KEY, "admin", Set.of("u1"))),
        0, Clock.systemUTC(), ZoneOffset.UTC, () -> TOKEN, Duration.ofHours(1), false, true);
    FakeServer server = FakeServer.start(settings);
    try (TestScope scope = server.openTest()) {
      String alias = scope.apiKey(KEY);

      String printed = server + " " + scope + " " + scope.faults() + " " + scope.journal() + " " + server.faults() + " "
          + server.journal();

      assertThat(alias).startsWith(KEY);
      assertShowsNoPartOf(KEY, printed);
      assertThatThrownBy(() -> scope.apiKey("qZ7-wX9-vB3-nM5"))
          .satisfies(e -> assertShowsNoPartOf("qZ7-wX9-vB3-nM5", e.getMessage()));
    } finally {
      server.stop();
    }
  }

  @Test
  void theCheckItselfCatchesAFourCharacterFragment() {
    assertThatThrownBy(() -> assertShowsNoPartOf(KEY, "ApiKeyGrant[key=key-…]")).isInstanceOf(AssertionError.class);
  }
}
