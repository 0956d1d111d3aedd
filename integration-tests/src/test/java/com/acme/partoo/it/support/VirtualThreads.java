package com.acme.partoo.it.support;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads for tests compiled for the Java 17 baseline: {@code Executors.newVirtualThreadPerTaskExecutor()},
 * found at run time. Tests that use it run on Java 21+ only ({@code @EnabledForJreRange(min = JAVA_21)}).
 */
public final class VirtualThreads {

  private VirtualThreads() {}

  /** An executor that starts a new virtual thread for each task; close it to wait for them all. */
  public static ExecutorService perTask() {
    try {
      MethodHandle factory = MethodHandles.publicLookup().findStatic(Executors.class,
          "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("virtual threads need Java 21 or newer; this is " + Runtime.version(), e);
    }
  }
}
