package dev.irprune.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The range of every numeric option, as picocli converters: a value that does not parse or lies
 * outside its range is a usage error (one line, exit 2) naming the option, e.g. {@code Invalid
 * value for option '--epochs': '100001' is not a whole number from 0 to 100000}. The ranges are
 * chosen so that nothing downstream can overflow: loop counters and step counts stay in an
 * {@code int}, batch buffers ({@code batch x 3072} floats) and every weight tensor (at most
 * {@code 32768 x 32768} for the second dense layer) fit a Java array, the seed times the
 * training's mixing constants stays in a {@code long}, and the MACs and parameters of every
 * network the options describe fit a {@code long} many times over.
 */
final class Ranges {
    static final int MAX_EPOCHS = 100_000;
    static final int MAX_BATCH = 65_536;
    static final int MAX_SEED = Integer.MAX_VALUE;
    static final double MAX_WIDTH = 8;
    /** Units of a hidden dense layer, after --width: the second one's kernel has this squared. */
    static final int MAX_UNITS = 32_768;

    private Ranges() {}

    /** A whole number in [min, max]. */
    abstract static class Whole implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        Whole(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String text) {
            return (int) parse(text, min, max);
        }

        static long parse(String text, long min, long max) {
            try {
                long v = Long.parseLong(text.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // not a whole number (or beyond a long): the same message says what is expected
            }
            throw new TypeConversionException("'" + text + "' is not a whole number from " + min + " to " + max);
        }
    }

    /** A number within bounds, each inclusive or not; NaN never is. */
    abstract static class Real implements ITypeConverter<Double> {
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final boolean maxIncluded;
        private final String range;

        Real(double min, boolean minIncluded, double max, boolean maxIncluded, String range) {
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.maxIncluded = maxIncluded;
            this.range = range;
        }

        @Override
        public Double convert(String text) {
            try {
                double v = Double.parseDouble(text.trim());
                if ((minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // not a number: the same message says what is expected
            }
            throw new TypeConversionException("'" + text + "' is not " + range);
        }
    }

    /** Training and fine-tuning epochs: 0 .. 100,000. */
    static final class Epochs extends Whole {
        Epochs() {
            super(0, MAX_EPOCHS);
        }
    }

    /** Images per step: 1 .. 65,536. */
    static final class BatchSize extends Whole {
        BatchSize() {
            super(1, MAX_BATCH);
        }
    }

    /** --train-limit, --test-limit, --verify-images: 0 (all) .. 2^31 - 1. */
    static final class ImageLimit extends Whole {
        ImageLimit() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** export's --opset: the ONNX operator sets IRPrune writes. */
    static final class Opset extends Whole {
        Opset() {
            super(dev.irprune.interop.onnx.OnnxExport.MIN_OPSET, dev.irprune.interop.onnx.OnnxExport.MAX_OPSET);
        }
    }

    /** --analysis-samples and select's --rows: 2 .. 2^31 - 1. */
    static final class AtLeastTwo extends Whole {
        AtLeastTwo() {
            super(2, Integer.MAX_VALUE);
        }
    }

    /** Units of the hidden dense layers before --width: 1 .. 32,768. */
    static final class DenseWidth extends Whole {
        DenseWidth() {
            super(1, MAX_UNITS);
        }
    }

    /** --seed: 0 .. 2^31 - 1 (a long option; the training mixes it with epoch numbers). */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Whole.parse(text, 0, MAX_SEED);
        }
    }

    /** The entropy threshold E: finite, >= 0. */
    static final class Threshold extends Real {
        Threshold() {
            super(0, true, Double.MAX_VALUE, true, "a finite number >= 0");
        }
    }

    /** The similarity threshold S and the budget P: 0 .. 1. */
    static final class Fraction extends Real {
        Fraction() {
            super(0, true, 1, true, "a number from 0 to 1");
        }
    }

    /** Adam's learning rate: (0, 1]. */
    static final class LearningRate extends Real {
        LearningRate() {
            super(0, false, 1, true, "a number > 0 and <= 1");
        }
    }

    /** The width multiplier: (0, 8]. */
    static final class Width extends Real {
        Width() {
            super(0, false, MAX_WIDTH, true, "a number > 0 and <= 8");
        }
    }

    /** The dropout rate: [0, 1). */
    static final class Dropout extends Real {
        Dropout() {
            super(0, true, 1, false, "a number >= 0 and < 1");
        }
    }
}
