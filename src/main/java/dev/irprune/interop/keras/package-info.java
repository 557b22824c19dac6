/** Keras model and weight files (Keras 2 HDF5, Keras 3 .weights.h5 and .keras) read in pure Java. */
package dev.irprune.interop.keras;
