package com.acme.partoo.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link TokenBenchmarks} on one thread: the latency of a call. */
@Threads(1)
public class OneThread extends TokenBenchmarks {}
