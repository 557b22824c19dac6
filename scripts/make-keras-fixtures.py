#!/usr/bin/python3
"""Writes small Keras weight files for IRPrune's tests, in Keras' own layouts, without Keras.

There is no Keras or TensorFlow on IRPrune's machines, so this script writes the files with h5py
(Debian: apt-get install python3-h5py) and numpy exactly as Keras lays them out:

  tiny-keras2.weights.h5   Keras 2 `model.save_weights("x.h5")`: keras/src/legacy/saving/
                           legacy_h5_format.py, save_weights_to_hdf5_group: root attributes
                           layer_names (model order), backend, keras_version; one group per layer
                           (created in name order) with attribute weight_names and the datasets
                           named by it, e.g. conv2d/kernel:0.
  tiny-keras3.weights.h5   Keras 3 `model.save_weights("x.weights.h5")`: keras/src/saving/
                           saving_lib.py, _save_state + H5IOStore: a group per saveable,
                           layers/<snake_case(class name)[_k]>/vars/<i>, i counting the layer's
                           trainable then non-trainable variables; each vars group has the
                           attribute name (the layer's name, Keras >= 3.10); the model's own
                           vars/ and the optimizer's optimizer/vars/ beside them.
  tiny.keras               Keras 3 `model.save("x.keras")`: a zip of metadata.json,
                           config.json (the serialized Sequential) and model.weights.h5 (as above).

(Checked against keras-team/keras at 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60.)

The model: input 6x6x1 -> Conv2D(2, 3x3) named "features" -> BatchNormalization -> MaxPooling2D(2)
-> Flatten -> Dense(3) named "hidden" -> Dense(2) named "logits". Its layer names differ from the
file paths on purpose (Keras 3 addresses layers by class, not by name). Every weight holds
start + 0.01 * arange(n) in its shape, with start = 100 * (its index in model order) so a test can
tell any value's origin: features kernel 0, features bias 100, gamma 200, beta 300, moving_mean
400, moving_variance 500, hidden kernel 600, hidden bias 700, logits kernel 800, logits bias 900.

    /usr/bin/python3 scripts/make-keras-fixtures.py [OUT_DIR]   # default src/test/resources/keras-layouts

Runs give the same bytes with the same h5py/HDF5 (the zip entries carry a fixed time); the
committed files were made with Debian 12's python3-h5py 3.7.0. The tests check values and layout,
not bytes, so files from another h5py serve as well.
"""
import io
import json
import pathlib
import sys
import zipfile

import h5py
import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/keras-layouts"

# (layer name, class name, [(variable name, shape)]) in model order
LAYERS = [
    ("features", "Conv2D", [("kernel", (3, 3, 1, 2)), ("bias", (2,))]),
    ("batch_normalization", "BatchNormalization",
     [("gamma", (2,)), ("beta", (2,)), ("moving_mean", (2,)), ("moving_variance", (2,))]),
    ("max_pooling2d", "MaxPooling2D", []),
    ("flatten", "Flatten", []),
    ("hidden", "Dense", [("kernel", (8, 3)), ("bias", (3,))]),
    ("logits", "Dense", [("kernel", (3, 2)), ("bias", (2,))]),
]
# the paths Keras 3 gives them: snake_case of the class, numbered per class in model order
KERAS3_PATHS = ["conv2d", "batch_normalization", "max_pooling2d", "flatten", "dense", "dense_1"]


def values():
    """Every weight's array, in model order."""
    out, k = [], 0
    for _, _, variables in LAYERS:
        arrays = []
        for _, shape in variables:
            n = int(np.prod(shape))
            arrays.append((100 * k + 0.01 * np.arange(n)).astype(np.float32).reshape(shape))
            k += 1
        out.append(arrays)
    return out


def keras2_weights(path):
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [name.encode("utf8") for name, _, _ in LAYERS]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.11.0"
        arrays = dict(zip([name for name, _, _ in LAYERS], values()))
        for name, _, variables in sorted(LAYERS, key=lambda layer: layer[0]):
            g = f.create_group(name)
            names = [f"{name}/{var}:0".encode("utf8") for var, _ in variables]
            g.attrs["weight_names"] = names
            for wname, value in zip(names, arrays[name]):
                g.create_dataset(wname.decode("utf8"), data=value)


def keras3_weights(fileobj):
    with h5py.File(fileobj, "w") as f:
        f.create_group("vars").attrs["name"] = "tiny"  # the model's own (empty) variables
        layers = f.create_group("layers")
        for (name, _, _), path, arrays in zip(LAYERS, KERAS3_PATHS, values()):
            g = layers.create_group(path).create_group("vars")
            g.attrs["name"] = name
            for i, value in enumerate(arrays):
                g[str(i)] = value
        opt = f.create_group("optimizer").create_group("vars")
        opt.attrs["name"] = "adam"
        opt["0"] = np.array(12, dtype=np.int64)  # iterations
        opt["1"] = np.array(0.001, dtype=np.float32)  # learning rate


def keras3_config():
    def layer(class_name, config, input_shape=None):
        entry = {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None}
        if input_shape is not None:
            entry["build_config"] = {"input_shape": input_shape}
        return entry

    dtype = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}
    layers = [
        layer("InputLayer", {"batch_shape": [None, 6, 6, 1], "dtype": "float32", "sparse": False, "name": "input_layer"}),
        layer("Conv2D", {"name": "features", "trainable": True, "dtype": dtype, "filters": 2, "kernel_size": [3, 3],
                         "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
                         "groups": 1, "activation": "linear", "use_bias": True}, [None, 6, 6, 1]),
        layer("BatchNormalization", {"name": "batch_normalization", "trainable": True, "dtype": dtype, "axis": -1,
                                     "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}, [None, 4, 4, 2]),
        layer("MaxPooling2D", {"name": "max_pooling2d", "trainable": True, "dtype": dtype, "pool_size": [2, 2],
                               "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, [None, 4, 4, 2]),
        layer("Flatten", {"name": "flatten", "trainable": True, "dtype": dtype, "data_format": "channels_last"}, [None, 2, 2, 2]),
        layer("Dense", {"name": "hidden", "trainable": True, "dtype": dtype, "units": 3, "activation": "relu",
                        "use_bias": True}, [None, 8]),
        layer("Dense", {"name": "logits", "trainable": True, "dtype": dtype, "units": 2, "activation": "linear",
                        "use_bias": True}, [None, 3]),
    ]
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "tiny", "trainable": True, "dtype": dtype, "layers": layers},
            "registered_name": None, "build_config": {"input_shape": [None, 6, 6, 1]}}


def keras3_archive(path):
    weights = io.BytesIO()
    keras3_weights(weights)
    entries = [("metadata.json", json.dumps({"keras_version": "3.10.0", "date_saved": "2025-01-01@00:00:00"})),
               ("config.json", json.dumps(keras3_config())),
               ("model.weights.h5", weights.getvalue())]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)  # fixed time: same bytes each run


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    keras2_weights(out / "tiny-keras2.weights.h5")
    with open(out / "tiny-keras3.weights.h5", "wb") as f:
        keras3_weights(f)
    keras3_archive(out / "tiny.keras")
    print("wrote", *sorted(p.name for p in out.iterdir()), "into", out)


if __name__ == "__main__":
    main()
