/** Data sets: CIFAR-10 and IDX readers, the bundled demo set, normalisation, download and checksum. */
package dev.irprune.data;
