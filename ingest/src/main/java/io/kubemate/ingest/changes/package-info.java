/**
 * Change events in: CloudEvents 1.0 (structured and binary mode, including Tekton's PipelineRun and TaskRun events)
 * and Kubemate's plain JSON change, decoded to {@link io.kubemate.core.telemetry.ChangeEvent}. Entry point:
 * {@link io.kubemate.ingest.changes.ChangeEventParser}.
 */
package io.kubemate.ingest.changes;
