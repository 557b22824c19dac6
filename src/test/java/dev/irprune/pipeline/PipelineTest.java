package dev.irprune.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import dev.irprune.run.RunContext;
import dev.irprune.select.GroupPlan;
import dev.irprune.select.LayerPlan;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class PipelineTest {
    @TempDir Path dir;

    @Test
    void aDeadLayerKeepsItsHighestEntropyFilterAndTheNetworkStillRuns() {
        DataSplit data = Datasets.load(new DataConfig(DatasetName.DEMO, null, 300, 100));
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.0625, 4096, false, 0, 10), InputSpec.of(1, 32, 32));
        Map<String, Tensor> w = Weights.initial(spec, 3);
        Arrays.fill(w.get("conv2_1.bias").data(), -100f); // every filter's output is 0 after ReLU
        PruneRequest req = new PruneRequest("model", new DataConfig(DatasetName.DEMO, null, 300, 100),
                PruningConfig.seed(0.3, 0.8).withAnalysisSamples(300), TrainConfig.of(0, 64, 1e-3), RunContext.cpu(1), false);

        Pipeline.Result r = Pipeline.run(req, spec, w, data, dir);

        LayerPlan dead = r.plans().stream().filter(p -> p.group().equals("conv2_1")).findFirst().orElseThrow().seed();
        assertThat(dead.prunedByEntropy()).hasSize(8);
        assertThat(dead.rescued()).isNotNull();
        assertThat(dead.kept()).containsExactly(dead.rescued());
        assertThat(r.spec().width("conv2_1")).isEqualTo(1);
        assertThat(r.groups()).hasSize(ChannelGroups.prunable(spec).size());
        for (GroupPlan p : r.plans()) {
            assertThat(r.spec().width(p.group())).as(p.group()).isEqualTo(p.kept().size());
        }
        assertThat(r.plans()).extracting(GroupPlan::group)
                .containsExactlyElementsOf(ChannelGroups.prunable(spec).stream().map(ChannelGroup::name).toList());
        // Layers after the dead one see a constant input: their outputs are constant too, so entropy
        // prunes them down to the rescued filter as well; the network keeps a path to the output.
        for (NodeSpec l : r.spec().nodes()) {
            if (l instanceof ConvSpec c) {
                assertThat(c.filters()).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(r.finalAccuracy()).isBetween(0.0, 1.0);
        assertThat(Files.exists(dir.resolve(RunCheckpoint.FOLDER).resolve("state.json"))).isTrue();
    }

    @Test
    void aFlattenAfterAFlatVectorIsTheNoOpItIsWhenPruning() {
        DataSplit data = Datasets.load(new DataConfig(DatasetName.DEMO, null, 200, 50));
        NetworkSpec spec = new NetworkSpec("flat-twice", new InputSpec(1, 32, 32, 0.3, 0.3), java.util.List.of(
                dev.irprune.model.ConvSpec.same("conv", "input", 4, 3, true, 0),
                new dev.irprune.model.ActivationSpec("relu", "conv", dev.irprune.model.Activation.RELU),
                dev.irprune.model.PoolSpec.max("pool", "relu", 4),
                new dev.irprune.model.FlattenSpec("flatten", "pool", dev.irprune.model.FlattenSpec.Layout.NCHW),
                new dev.irprune.model.DenseSpec("fc", "flatten", 12, dev.irprune.model.Activation.RELU, true, 0),
                new dev.irprune.model.FlattenSpec("again", "fc", dev.irprune.model.FlattenSpec.Layout.NCHW),
                new dev.irprune.model.DenseSpec("output", "again", 10, dev.irprune.model.Activation.IDENTITY, true, 0),
                new dev.irprune.model.OutputSpec("probabilities", "output", dev.irprune.model.OutputSpec.Kind.SOFTMAX)));
        PruneRequest req = new PruneRequest("model", new DataConfig(DatasetName.DEMO, null, 200, 50),
                new PruningConfig(dev.irprune.select.Criteria.L1, dev.irprune.select.PolicySpec.ratio(0.5), 0, 100, 10),
                TrainConfig.of(1, 64, 1e-3), RunContext.cpu(1), false);
        Pipeline.Result r = Pipeline.run(req, spec, Weights.initial(spec, 2), data, dir);
        assertThat(r.spec().width("conv")).isEqualTo(2);
        assertThat(r.spec().width("fc")).isEqualTo(6);
        assertThat(r.spec().shape("again")).isEqualTo(new dev.irprune.model.Shape(6));
    }

    @Test
    void indexBookkeepingBetweenTheTwoCuts() {
        assertThat(Pipeline.positions(new int[] {1, 4, 7}, new int[] {0, 1, 3, 4, 6, 7})).containsExactly(1, 3, 5);
        assertThat(Pipeline.positions(new int[] {2}, new int[] {2})).containsExactly(0);
    }
}
