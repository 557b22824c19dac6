package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** A node that reads exactly one other node (every kind but the addition). */
public sealed interface SingleInput extends NodeSpec permits ConvSpec, BatchNormSpec, ActivationSpec, PoolSpec, GlobalPoolSpec,
        FlattenSpec, DenseSpec, DropoutSpec, PadChannelsSpec, OutputSpec {
    /** The node read, or {@link NetworkSpec#INPUT}. */
    String input();

    @Override
    @JsonIgnore
    default List<String> inputs() {
        return List.of(input());
    }
}
