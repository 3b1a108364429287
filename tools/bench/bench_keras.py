#!/usr/bin/env python3
"""Keras 3 (JAX backend, XLA-compiled) side of `airfoil bench`: the same models, data and loops
(synthetic MNIST-shaped data, model.fit one epoch of `--samples` samples per repeat, shuffle=False,
Adam, sparse_categorical_crossentropy on the softmax output, accuracy metric; model.predict at
batch 1000; one-sample latency through a jax.jit-compiled stateless call).

  KERAS_BACKEND=jax .venv-keras/bin/python tools/bench/bench_keras.py --workload mlp-train-32 --repeats 3
  (--threads 1 sets XLA's single-threaded CPU flags before JAX starts)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workload", default="all")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--samples", type=int, default=60000)
    p.add_argument("--threads", type=int, default=0, help="1: single-threaded XLA; 0: XLA's default (all cores)")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    os.environ.setdefault("KERAS_BACKEND", "jax")
    if a.threads == 1:
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "")
                                   + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
    import bench_common as bc
    import jax
    import keras
    from keras import layers

    threads = a.threads if a.threads else os.cpu_count()
    keras.utils.set_random_seed(a.seed)
    workloads = bc.WORKLOADS if a.workload == "all" else a.workload.split(",")
    for w in workloads:
        model_name, what, batch = bc.parse(w)
        if model_name.startswith("mlp"):
            shape = (28, 28)
            act = "gelu" if model_name == "mlpgelu" else "relu"  # Keras's gelu is the exact one by default
            model = keras.Sequential([keras.Input(shape), layers.Flatten(), layers.Dense(300, activation=act),
                                      layers.Dense(100, activation=act), layers.Dense(10, activation="softmax")])
        else:
            shape = (28, 28, 1)
            model = keras.Sequential([keras.Input(shape), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                                      layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2), layers.Flatten(),
                                      layers.Dropout(0.5), layers.Dense(10, activation="softmax")])
        if what == "train":
            x = bc.images(a.samples, shape, a.seed)
            y = bc.labels(a.samples, a.seed + 1)
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            warm = min(a.samples, max(20 * batch, a.samples // 10) + a.samples % batch)
            model.fit(x[:warm], y[:warm], batch_size=batch, epochs=1, shuffle=False, verbose=0)
            wall, cpu = bc.timed_samples(lambda: model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0),
                                         a.samples, a.repeats)
            bc.report("keras-jax", w, "samples/s", wall, cpu, threads)
        elif what == "infer":
            n = 10 * batch
            x = bc.images(n, shape, a.seed)
            model.predict(x, batch_size=batch, verbose=0)
            wall, cpu = bc.timed_samples(lambda: model.predict(x, batch_size=batch, verbose=0), n, a.repeats)
            bc.report("keras-jax", w, "samples/s", wall, cpu, threads)
        else:
            x1 = jax.numpy.asarray(bc.images(1, shape, a.seed))
            tv = [v.value for v in model.trainable_variables]
            ntv = [v.value for v in model.non_trainable_variables]
            fn = jax.jit(lambda tv, ntv, x: model.stateless_call(tv, ntv, x, training=False)[0])

            def one():
                fn(tv, ntv, x1).block_until_ready()
            for _ in range(2000):
                one()
            wall, cpu = bc.timed_latency(one, 2000, a.repeats)
            bc.report("keras-jax", w, "ms", wall, cpu, threads)


if __name__ == "__main__":
    main()
