/**
 * Pseudonymizing redaction before anything leaves the process: {@link io.kubemate.rag.redact.Pseudonymizer} replaces
 * secrets and chosen kinds of personal data by pseudonyms stable within one incident ({@code <secret:1>}, {@code
 * <email:2>}), and {@link io.kubemate.rag.redact.RedactionAudit} keeps exactly what text was sent where.
 */
package io.kubemate.rag.redact;
