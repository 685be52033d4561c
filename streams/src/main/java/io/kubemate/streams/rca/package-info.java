/**
 * The streams' side of root-cause summaries (issue 4): {@link io.kubemate.streams.rca.RcaRequestTopology} watches
 * incident snapshots and evidence and emits a debounced summary request when an incident opens or changes materially.
 */
package io.kubemate.streams.rca;
