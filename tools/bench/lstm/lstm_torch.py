"""PyTorch's side of LstmTimes.java: the same LSTM(128) + Linear(10) on 28x28 sequences, Adam.
Usage: /usr/bin/python3 tools/bench/lstm/lstm_torch.py THREADS"""
import sys
import time

WARMUP = 3.0  # seconds

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(0)


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(28, 128, batch_first=True)
        self.dense = torch.nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.dense(out[:, -1])


model = Model()
opt = torch.optim.Adam(model.parameters())
loss_fn = torch.nn.CrossEntropyLoss()
n = 4096
x = torch.rand(n, 28, 28)
y = torch.randint(0, 10, (n,))


def epoch():
    for i in range(0, n, 32):
        opt.zero_grad()
        loss_fn(model(x[i:i + 32]), y[i:i + 32]).backward()
        opt.step()


# warm-up: at least one epoch and WARMUP seconds (as LstmTimes.java and lstm_keras.py)
start = time.perf_counter()
while True:
    epoch()
    if time.perf_counter() - start >= WARMUP:
        break
train = []
for _ in range(3):
    t = time.perf_counter()
    epoch()
    train.append(n / (time.perf_counter() - t))
infer = []
with torch.no_grad():
    xb = torch.rand(1000, 28, 28)
    start = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - start < WARMUP:
        model(xb)
        calls += 1
    for i in range(9):
        t = time.perf_counter()
        model(xb)
        infer.append(1000 / (time.perf_counter() - t))
print("pytorch threads %d lstm train b32 %.0f samples/s, infer b1000 %.0f samples/s"
      % (torch.get_num_threads(), sorted(train)[1], sorted(infer)[4]))
