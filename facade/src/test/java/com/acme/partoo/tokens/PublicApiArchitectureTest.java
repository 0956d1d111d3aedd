package com.acme.partoo.tokens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is the {@code com.acme.partoo.tokens} package alone: nothing generated, no Retrofit, OkHttp, Jackson,
 * Kotlin or Resilience4j type, and nothing from {@code internal}, may appear in a signature a caller can see (parameters, return
 * types, thrown types, fields, supertypes, type bounds), so that all of them can change without breaking callers.
 * And the two packages depend on each other one way per pair of classes: the API's entry points use {@code internal},
 * and {@code internal} uses only the API's values, exceptions and SPIs, never a class that uses it back.
 */
class PublicApiArchitectureTest {

  private static final String API_PACKAGE = "com.acme.partoo.tokens";
  private static final List<String> HIDDEN_PACKAGES = List.of(
      "com.acme.partoo.generated", "retrofit2", "okhttp3", "com.fasterxml.jackson", "kotlin",
      "io.github.resilience4j", API_PACKAGE + ".internal");
  /** The one sanctioned exposure: a caller may hand over an OkHttpClient to share its connections and threads. */
  private static final Set<String> SANCTIONED = Set.of(
      "com.acme.partoo.tokens.PartooClient$Builder.okHttpClient(okhttp3.OkHttpClient) takes okhttp3.OkHttpClient");

  /** The facade's main classes, read from where PartooClient was loaded (no classpath scan, no test classes). */
  private static final JavaClasses FACADE = new ClassFileImporter().importPath(mainClassesOf(PartooClient.class));

  private static final DescribedPredicate<JavaClass> VISIBLE_TO_CALLERS =
      DescribedPredicate.describe("are visible to callers", PublicApiArchitectureTest::isVisibleToCallers);

  @Test
  void publicSignaturesExposeNoGeneratedRetrofitOkHttpJacksonKotlinOrInternalType() {
    classes().that().resideInAPackage(API_PACKAGE).and(VISIBLE_TO_CALLERS)
        .should(new ArchCondition<JavaClass>("expose no implementation type in a public or protected signature") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            exposures(type).stream()
                .filter(exposure -> !SANCTIONED.contains(exposure))
                .forEach(exposure -> events.add(SimpleConditionEvent.violated(type, exposure)));
          }
        })
        .check(FACADE);
  }

  @Test
  void theCheckFindsTheSanctionedParameterOfTheNestedBuilderAndNothingElse() {
    List<String> all = FACADE.stream().filter(PublicApiArchitectureTest::isVisibleToCallers)
        .filter(type -> type.getPackageName().equals(API_PACKAGE))
        .flatMap(type -> exposures(type).stream())
        .toList();

    assertThat(all).containsExactlyElementsOf(SANCTIONED);
  }

  @Test
  void onlyTheAdapterTouchesGeneratedCode() {
    noClasses().that().doNotHaveFullyQualifiedName(API_PACKAGE + ".internal.PartooApiAdapter")
        .should().dependOnClassesThat().resideInAPackage("com.acme.partoo.generated..")
        .because("the facade may only use names derived from operationIds, in one place")
        .check(FACADE);
  }

  /**
   * No class of the facade reaches itself through its dependencies (a nested class counts as part of its outer
   * class). Per class, not per package: {@code internal} rightly uses the API's values and exceptions while the API's
   * entry points use {@code internal}, so the two packages as wholes always depend on each other; what must not
   * exist is a loop through particular classes, as {@code ConnectionTokens} → {@code TokenService} →
   * {@code ConnectionTokens.MAX_TTL} was. Within each package the classes have no cycle either, and should not.
   */
  @Test
  void theFacadesClassesAreFreeOfCycles() {
    slices().assignedFrom(TOP_LEVEL_CLASSES).should().beFreeOfCycles().check(FACADE);
  }

  @Test
  void internalNeverUsesTheEntryPointsThatUseIt() {
    noClasses().that().resideInAPackage(API_PACKAGE + ".internal")
        .should().dependOnClassesThat().haveFullyQualifiedName(API_PACKAGE + ".ConnectionTokens")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(API_PACKAGE + ".PartooClient")
        .because("the entry points hold internal's services; constants they publish are defined in internal")
        .check(FACADE);
  }

  /** Each top-level class of the facade is a slice of its own, its nested and anonymous classes with it. */
  private static final SliceAssignment TOP_LEVEL_CLASSES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      JavaClass outer = type;
      while (outer.getEnclosingClass().isPresent()) {
        outer = outer.getEnclosingClass().get();
      }
      return isIn(outer.getPackageName(), API_PACKAGE) ? SliceIdentifier.of(outer.getName()) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the facade's top-level classes";
    }
  };

  /** The internal types the API package (or the benchmarks' baselines, for PartooJson) needs; the rest stays hidden. */
  private static final Set<String> PUBLIC_INTERNALS = Set.of(
      "ClientConfig", "PartooJson", "Proxies", "Secrets", "TokenService", "TrustMaterial", "Urls", "UserAgent");

  @Test
  void internalClassesArePackagePrivateUnlessTheApiPackageNeedsThem() {
    List<String> publicInternals = FACADE.stream()
        .filter(type -> type.getPackageName().equals(API_PACKAGE + ".internal"))
        .filter(type -> type.getEnclosingClass().isEmpty() && isVisibleToCallers(type))
        .map(JavaClass::getSimpleName)
        .filter(name -> !name.equals("package-info"))
        .toList();

    assertThat(publicInternals).as("public classes of the internal package").containsExactlyInAnyOrderElementsOf(
        PUBLIC_INTERNALS);
  }

  private static Path mainClassesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isVisibleToCallers(JavaClass type) {
    return type.getModifiers().contains(JavaModifier.PUBLIC)
        && type.getEnclosingClass().map(PublicApiArchitectureTest::isVisibleToCallers).orElse(true);
  }

  private static boolean isVisibleToCallers(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    boolean subclassable = !member.getOwner().getModifiers().contains(JavaModifier.FINAL);
    return modifiers.contains(JavaModifier.PUBLIC) || (subclassable && modifiers.contains(JavaModifier.PROTECTED));
  }

  /** Each hidden type in {@code type}'s visible signatures, as "where takes/returns/... what". */
  private static List<String> exposures(JavaClass type) {
    List<String> found = new ArrayList<>();
    type.getSuperclass().ifPresent(superclass -> collect(type.getName() + " extends", superclass, found));
    type.getInterfaces().forEach(iface -> collect(type.getName() + " implements", iface, found));
    type.getTypeParameters().forEach(parameter -> collect(type.getName() + " is bounded by", parameter, found));
    for (JavaMember member : visibleMembers(type)) {
      String where = member.getFullName();
      if (member instanceof JavaCodeUnit code) {
        code.getParameterTypes().forEach(parameter -> collect(where + " takes", parameter, found));
        collect(where + " returns", code.getReturnType(), found);
        code.getThrowsClause().getTypes().forEach(thrown -> collect(where + " throws", thrown, found));
        code.getTypeParameters().forEach(parameter -> collect(where + " is bounded by", parameter, found));
      } else if (member instanceof JavaField field) {
        collect(where + " holds", field.getType(), found);
      }
    }
    return found;
  }

  private static Collection<JavaMember> visibleMembers(JavaClass type) {
    return Stream.of(type.getMethods(), type.getConstructors(), type.getFields())
        .flatMap(Collection::stream)
        .map(JavaMember.class::cast)
        .filter(PublicApiArchitectureTest::isVisibleToCallers)
        .toList();
  }

  private static void collect(String where, JavaType type, List<String> found) {
    for (JavaClass involved : type.getAllInvolvedRawTypes()) {
      JavaClass base = involved.isArray() ? involved.getBaseComponentType() : involved;
      if (HIDDEN_PACKAGES.stream().anyMatch(hidden -> isIn(base.getPackageName(), hidden))) {
        found.add(where + " " + base.getName());
      }
    }
  }

  private static boolean isIn(String packageName, String root) {
    return packageName.equals(root) || packageName.startsWith(root + ".");
  }
}
