/** Applies a pruning plan: slices weights and builds the smaller network. */
package dev.irprune.surgery;
