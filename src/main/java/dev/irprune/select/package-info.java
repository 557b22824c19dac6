/** Engine-free selection rules that turn scores into a pruning plan. */
package dev.irprune.select;
