/** TensorFlow tensor bundles (checkpoints, SavedModel variables) read in pure Java, without TensorFlow. */
package dev.irprune.interop.tf;
