/**
 * Log templates: an online Drain-class template miner ({@link io.kubemate.streams.templates.TemplateMiner}) with a
 * hand-written masking tokenizer, and bounded per-service template statistics over time ({@link
 * io.kubemate.streams.templates.ServiceLogTemplates}, {@link io.kubemate.streams.templates.LogTemplateIndex}) from
 * which incident evidence takes new and surging templates.
 */
package io.kubemate.streams.templates;
