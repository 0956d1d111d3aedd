package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.Ticker;

/**
 * What every call of one client shares: its clock, deadline, retry policy and budget, outage protection, listeners,
 * and how failures are described.
 *
 * @param deadlineNanos the deadline of each call, from the moment it is made
 * @param serverAddress the API's host, for listeners
 * @param serverPort the API's port, for listeners
 * @param basePath the base URL's path without its trailing slash (e.g. {@code /v2}), for listeners' URL templates
 */
record LoopSettings(
    Ticker ticker,
    long deadlineNanos,
    RetryPolicy policy,
    RetryBudget budget,
    Backoff backoff,
    ExceptionFactory exceptions,
    OutageGuard guard,
    Listeners listeners,
    String serverAddress,
    int serverPort,
    String basePath) {}
