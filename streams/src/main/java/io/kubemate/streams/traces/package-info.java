/**
 * Trace excerpts: a bounded {@link io.kubemate.streams.traces.TraceBuffer} of recent spans grouped by trace, and
 * {@link io.kubemate.streams.traces.TraceAnalysis}, pure functions that turn traces into a {@link
 * io.kubemate.streams.traces.TraceExcerpt}: error spans, slowest spans, candidate error origins and the most common
 * erroring paths. Nothing here runs on a stream thread or does I/O.
 */
package io.kubemate.streams.traces;
