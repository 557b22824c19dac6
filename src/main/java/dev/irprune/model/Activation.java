package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An element-wise activation function. */
public enum Activation {
    @JsonProperty("relu") RELU,
    @JsonProperty("tanh") TANH,
    @JsonProperty("sigmoid") SIGMOID,
    @JsonProperty("identity") IDENTITY
}
