package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecDiffTest {

  private static final SpecDiff DIFF = new SpecDiff(Set.of("Connection Tokens"));

  @Test
  void showsAChangedBoundAsOneChangedField() {
    assertThat(lines(read("fixtures/partoo-ttl-maximum-changed.yaml").replace("maximum: 43200", "maximum: 86400"),
        read("fixtures/partoo-ttl-maximum-changed.yaml")))
        .containsExactly("~ generateConnectionToken request ttl: integer, maximum 86400, default 86400"
            + " -> integer, maximum 43200, default 86400");
  }

  @Test
  void seesNoChangeInTheOperationsWeUseWhenTheRestOfTheBundleChanges() {
    assertThat(lines(read("fixtures/partoo-ttl-maximum-changed.yaml").replace("maximum: 43200", "maximum: 86400"),
        read("fixtures/partoo-bundle-messy.yaml"))).isEmpty();
  }

  @Test
  void showsAddedRemovedAndChangedFieldsParametersAndStatuses() {
    String before = read("fixtures/partoo-ttl-maximum-changed.yaml");
    String after = before
        .replaceFirst("expiration_date:", "expires_at:")
        .replaceFirst("( *)- expired\n", "$1- expired\n$1- pending\n")
        .replace("'404':\n          $ref: '#/components/responses/404'\n  /connection/revoke_token:",
            "'429':\n          $ref: '#/components/responses/404'\n  /connection/revoke_token:");

    assertThat(lines(before, after)).containsExactly(
        "+ generateConnectionToken response 200 expires_at: string, format date-time",
        "~ checkConnectionToken response 200 status: string, enum [\"valid\",\"consumed\",\"revoked\",\"expired\"]"
            + " -> string, enum [\"valid\",\"consumed\",\"revoked\",\"expired\",\"pending\"]",
        "+ checkConnectionToken response 429: declared",
        "- generateConnectionToken response 200 expiration_date: string, format date-time",
        "- checkConnectionToken response 404: declared");
  }

  @Test
  void showsARemovedOperation() {
    String before = read("fixtures/partoo-ttl-maximum-changed.yaml");
    String after = before.replace("operationId: revokeConnectionToken", "operationId: revokeToken")
        .replace("- Connection Tokens\n      summary: Revoke", "- Legacy\n      summary: Revoke");

    assertThat(lines(before, after)).first().isEqualTo("- revokeConnectionToken: POST /connection/revoke_token");
  }

  @Test
  void showsMovedAndRemovedEnvironmentsAndServersAnOperationOverrides() {
    String before = read("fixtures/partoo-ttl-maximum-changed.yaml");
    String moved = before.replace("https://api.sandbox.partoo.co/v2", "https://sandbox.api.partoo.co/v2");
    String withoutSandbox = before.replaceFirst("(?s)  - url: https://api.sandbox.*?\n(security:)", "$1");
    String overridden = before.replace("      operationId: checkConnectionToken\n",
        "      operationId: checkConnectionToken\n      servers:\n        - url: https://check.partoo.co/v2\n");

    assertThat(lines(before, moved)).containsExactly(
        "~ sandbox server: https://api.sandbox.partoo.co/v2 -> https://sandbox.api.partoo.co/v2");
    assertThat(lines(before, withoutSandbox)).containsExactly("- sandbox server: https://api.sandbox.partoo.co/v2");
    assertThat(lines(before, overridden)).containsExactly(
        "+ checkConnectionToken server https://check.partoo.co/v2: overrides the root's");
  }

  private static List<String> lines(String before, String after) {
    try {
      return DIFF.diff(new Bundle(Bundle.YAML.readTree(before)), new Bundle(Bundle.YAML.readTree(after))).stream()
          .map(SpecDiff.Change::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
