/**
 * Evidence attached to incidents (log templates, spans, trace paths, changes, metrics), the probable origin ranking,
 * and the service graph edges that topology-aware correlation uses.
 */
package io.kubemate.core.evidence;
