package com.acme.partoo.spec;

/**
 * One defect {@link SpecLint} found in a bundle.
 *
 * @param kind what sort of defect it is
 * @param pointer where it is, as a JSON pointer into the bundle ({@code #/components/schemas/Review/...})
 * @param message what is wrong, in one line
 */
public record SpecProblem(Kind kind, String pointer, String message) {

  /** The kinds of defect seen in real vendor bundles that can be detected mechanically. */
  public enum Kind {
    INVALID_TYPE("invalid-type"),
    VERSION_SYNTAX("version-syntax"),
    REQUIRED_NOT_LIST("required-not-list"),
    ARRAY_WITHOUT_ITEMS("array-without-items"),
    DANGLING_REF("dangling-ref"),
    OPERATION_ID("operation-id"),
    UNDECLARED_PATH_PARAMETER("path-parameter"),
    PROPERTY_TYPO("property-typo"),
    INVALID_STRUCTURE("invalid-structure");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Whether the problem lies at or under the given pointer. */
  public boolean isUnder(String prefix) {
    return pointer.equals(prefix) || pointer.startsWith(prefix + "/");
  }

  @Override
  public String toString() {
    return kind.label() + " " + pointer + ": " + message;
  }
}
