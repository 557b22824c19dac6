package dev.irprune.train;

import java.util.Optional;

/**
 * Recognises a collapsed network: one that predicts as if it had learnt nothing. Its test loss is
 * within 1 % of ln(classes) (the cross-entropy of a uniform guess) and its accuracy within 2
 * points of chance (1 / classes).
 */
public final class Collapse {
    private Collapse() {}

    /** A warning with the usual causes if {@code test} looks collapsed; empty otherwise. */
    public static Optional<String> warning(Evaluation test, int classes) {
        double uniform = Math.log(classes);
        double chance = 1.0 / classes;
        if (Math.abs(test.loss() - uniform) > 0.01 * uniform || Math.abs(test.accuracy() - chance) > 0.02) {
            return Optional.empty();
        }
        return Optional.of(String.format("the network has collapsed: test loss %.4f is the loss of a uniform guess "
                + "(ln %d = %.4f) and accuracy %.4f is chance. Usual causes: the reference's L2 of 0.1 on the dense "
                + "layers with a high learning rate (try a lower --lr), or dropout on a very narrow network (try --dropout 0 "
                + "or --batch-norm)", test.loss(), classes, uniform, test.accuracy()));
    }
}
