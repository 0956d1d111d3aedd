package com.acme.partoo.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guard run on every build, against the bundle being built ({@code -Dpartoo.openapi.spec}, default
 * {@code openapi/openapi.yaml}): one test per facade assumption, named after it. A broken assumption fails with one
 * line naming it; assumptions that build on a broken one are skipped, so one vendor change gives one failure.
 */
class WhatTheFacadeReliesOnTest {

  @TestFactory
  Stream<DynamicTest> theBundleKeepsWhatTheFacadeReliesOn() {
    Path spec = specUnderBuild();
    List<FacadeAssumptions.Outcome> outcomes = FacadeAssumptions.check(Bundle.read(spec));
    long holding = outcomes.stream().filter(o -> o.status() == FacadeAssumptions.Status.HOLDS).count();
    System.out.println("[INFO] [partoo-spec] " + holding + " of " + outcomes.size()
        + " facade assumptions hold in " + spec);
    return outcomes.stream()
        .map(outcome -> DynamicTest.dynamicTest(outcome.assumption(), () -> {
          switch (outcome.status()) {
            case HOLDS -> { }
            case NOT_CHECKED -> Assumptions.abort("not checked: " + outcome.detail());
            case BROKEN -> throw brokenAssumption(outcome.line());
          }
        }));
  }

  /** A failure that is its one line: its stack trace would only point here. */
  private static AssertionError brokenAssumption(String line) {
    AssertionError error = new AssertionError(line);
    error.setStackTrace(new StackTraceElement[0]);
    return error;
  }

  /** The spec the build uses; relative paths are relative to the project root, as on the Maven command line. */
  static Path specUnderBuild() {
    Path root = Path.of(System.getProperty("partoo.root", ".."));
    return root.resolve(System.getProperty("partoo.bundle", "openapi/openapi.yaml")).normalize();
  }
}
