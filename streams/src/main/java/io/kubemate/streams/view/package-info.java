/** The read side of incidents: an {@link io.kubemate.core.incident.IncidentView} rebuilt from the incidents topic. */
package io.kubemate.streams.view;
