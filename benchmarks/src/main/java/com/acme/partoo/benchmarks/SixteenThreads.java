package com.acme.partoo.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link TokenBenchmarks} on sixteen threads sharing each client: throughput under contention, on two cores. */
@Threads(16)
public class SixteenThreads extends TokenBenchmarks {}
