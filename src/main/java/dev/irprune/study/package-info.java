/** Studies of the method: sweeps over E and S, baselines at matched architecture, the fine-tuning-only control, their tables and Pareto chart. */
package dev.irprune.study;
