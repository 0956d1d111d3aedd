/**
 * What a team would otherwise pick to call Partoo, each on its defaults and each doing the facade's job: POST the same
 * JSON with the key, parse the answer into a token and an {@link java.time.Instant}. Measured beside the facade and raw
 * OkHttp by {@link com.acme.partoo.benchmarks.TransportRuns}.
 */
package com.acme.partoo.benchmarks.peers;
