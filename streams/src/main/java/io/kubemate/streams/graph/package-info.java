/**
 * The service graph: caller → callee edges derived from spans that cross services ({@link
 * io.kubemate.streams.graph.ServiceGraphTopology}), with request rate, error rate and p95 latency over a sliding
 * window, published to the compacted service-graph topic as {@link io.kubemate.core.evidence.ServiceEdge}s.
 */
package io.kubemate.streams.graph;
