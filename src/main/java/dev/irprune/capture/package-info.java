/** Runs the network up to one layer and streams each filter's pooled output into an N x C matrix. */
package dev.irprune.capture;
