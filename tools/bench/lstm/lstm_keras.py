"""Keras 3 (JAX backend, XLA-compiled) side of LstmTimes.java: the same LSTM(128) + Dense(10) on 28x28
sequences, Adam, training at batch 32 (one epoch of 4,096 samples, no shuffle; median of three) and
inference at batch 1000 (median of nine), each after a warm-up (lstm_timing.py).
Usage: KERAS_BACKEND=jax .venv-keras/bin/python tools/bench/lstm/lstm_keras.py THREADS
(THREADS 1 sets XLA's single-threaded CPU flags; 0, XLA's default: all cores)"""
import os
import sys

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 0
os.environ.setdefault("KERAS_BACKEND", "jax")
if threads == 1:
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "")
                               + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from lstm_timing import infer_rate, train_rate  # noqa: E402

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((28, 28)), keras.layers.LSTM(128), keras.layers.Dense(10)])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
n = 4096
rng = np.random.default_rng(0)
x = rng.random((n, 28, 28), dtype=np.float32)
y = rng.integers(0, 10, n)
train = train_rate(lambda: model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0), n)
xb = rng.random((1000, 28, 28), dtype=np.float32)
infer = infer_rate(lambda: model.predict(xb, batch_size=1000, verbose=0), 1000)
print("keras+jax threads %s lstm train b32 %.0f samples/s, infer b1000 %.0f samples/s"
      % (threads if threads else "default", train, infer))
