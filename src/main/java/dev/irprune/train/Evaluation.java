package dev.irprune.train;

/** Test-set result: accuracy, mean cross-entropy, and how many images were seen. */
public record Evaluation(double accuracy, double loss, int images) {}
