package dev.irprune.model;

/** Size of one layer: its output shape, multiply-accumulates per image, and parameters. */
public record LayerCost(String name, String kind, Shape outputShape, long macs, long params) {}
