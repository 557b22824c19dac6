/** The network as data: layer specs, VGG presets, MAC and parameter counts, the DJL block and weights I/O. */
package dev.irprune.model;
