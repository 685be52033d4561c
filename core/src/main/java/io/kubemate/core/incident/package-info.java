/** Incidents: snapshots, their members and timeline, actions on them, and the read-side port. */
package io.kubemate.core.incident;
