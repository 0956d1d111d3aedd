package com.acme.partoo.benchmarks;

/** The cold-start yardstick: a bare JVM that prints one line and exits. */
public final class HelloWorld {

  private HelloWorld() {}

  /** Prints {@code hello world}. */
  public static void main(String[] args) {
    System.out.println("hello world");
  }
}
