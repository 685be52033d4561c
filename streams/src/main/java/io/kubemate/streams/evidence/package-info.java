/**
 * Evidence for incidents: buffers of recent telemetry, the assembly of bounded evidence per incident, the probable
 * origin ranking, and the publishing of {@link io.kubemate.core.evidence.IncidentEvidence} to the compacted evidence
 * topic. Nothing here runs on a stream thread.
 */
package io.kubemate.streams.evidence;
