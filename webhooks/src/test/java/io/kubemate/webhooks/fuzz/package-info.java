/**
 * Fuzz tests of the receivers over real HTTP: seeded generators of malformed and hostile bodies (truncated and deeply
 * nested JSON, invalid UTF-8, giant strings, huge label sets, protobuf length bombs, hostile snappy, mutations of the
 * captured fixtures, wrong content types and encodings), a runner that sends them concurrently to an in-process
 * {@link io.kubemate.webhooks.http.KubemateHttpServer} and checks every answer, the sinks and the heap.
 * Reproduce a run with {@code -Dkubemate.fuzz.seed=<seed>}; {@code -Dkubemate.fuzz.bodies=<n>} changes the count.
 */
package io.kubemate.webhooks.fuzz;
