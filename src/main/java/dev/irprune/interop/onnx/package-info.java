/** ONNX models: a reader into an immutable graph view and a builder that writes deterministic bytes. */
package dev.irprune.interop.onnx;
