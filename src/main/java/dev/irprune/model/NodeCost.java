package dev.irprune.model;

/**
 * Size of one node: its kind, output shape, multiply-accumulates per image (MACs) and parameters
 * (batch normalisation counts its two running statistics too, as Keras does).
 */
public record NodeCost(String name, String kind, Shape outputShape, long macs, long params) {}
