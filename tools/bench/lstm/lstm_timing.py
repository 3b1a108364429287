"""Timing shared by lstm_torch.py and lstm_keras.py, the same as LstmTimes.java times Airfoil: a warm-up of
at least WARMUP seconds before training and before inference, then training as the median of three epochs
and inference as the median of nine calls, in samples per second."""
import time

WARMUP = 3.0  # seconds


def train_rate(epoch, n):
    """Samples/s of epoch() over n samples: warm-up of at least one epoch and WARMUP s, median of three."""
    start = time.perf_counter()
    while True:
        epoch()
        if time.perf_counter() - start >= WARMUP:
            break
    rates = []
    for _ in range(3):
        t = time.perf_counter()
        epoch()
        rates.append(n / (time.perf_counter() - t))
    return sorted(rates)[1]


def infer_rate(call, n):
    """Samples/s of call() over n samples: warm-up of at least three calls and WARMUP s, median of nine."""
    start = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - start < WARMUP:
        call()
        calls += 1
    rates = []
    for _ in range(9):
        t = time.perf_counter()
        call()
        rates.append(n / (time.perf_counter() - t))
    return sorted(rates)[4]
