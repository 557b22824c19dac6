/** The one place that chains capture, selection, surgery and fine-tuning, layer by layer. */
package dev.irprune.pipeline;
