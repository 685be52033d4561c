/**
 * Redaction of secrets in text (log lines, span attributes, alert annotations) before anything leaves the process:
 * {@link io.kubemate.core.redact.Redactor}.
 */
package io.kubemate.core.redact;
