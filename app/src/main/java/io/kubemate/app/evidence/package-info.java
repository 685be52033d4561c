/** Wiring of the evidence pipeline: telemetry buffers, pulled evidence, the assembler and the evidence view. */
package io.kubemate.app.evidence;
