package com.acme.partoo.benchmarks.peers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The request body, as a team writes it for a peer client: {@code {"user_id": "..."}}, the JSON the facade sends. */
public record TokenRequest(@JsonProperty("user_id") String userId) {}
