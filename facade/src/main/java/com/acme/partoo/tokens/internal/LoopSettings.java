package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.Ticker;

/**
 * What every call of one client shares: its clock, deadline, retry policy and budget, and how failures are described.
 *
 * @param deadlineNanos the deadline of each call, from the moment it is made
 */
record LoopSettings(
    Ticker ticker,
    long deadlineNanos,
    RetryPolicy policy,
    RetryBudget budget,
    Backoff backoff,
    ExceptionFactory exceptions) {}
