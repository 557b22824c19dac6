/** Training and evaluation: the optimiser, the L2 penalty, epochs, checkpoints and resume. */
package dev.irprune.train;
