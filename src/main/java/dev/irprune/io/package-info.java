/** Shared plumbing: bad-input errors and atomic file writes. */
package dev.irprune.io;
