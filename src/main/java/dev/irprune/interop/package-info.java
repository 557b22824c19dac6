/** Other tools' model files at the edge: TF tensor bundles, Keras HDF5 and .keras archives, ONNX. */
package dev.irprune.interop;
