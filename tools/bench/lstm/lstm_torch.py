"""PyTorch's side of LstmTimes.java: the same LSTM(128) + Linear(10) on 28x28 sequences, Adam.
Usage: /usr/bin/python3 tools/bench/lstm/lstm_torch.py THREADS"""
import sys

import torch

from lstm_timing import infer_rate, train_rate

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


train = train_rate(epoch, n)
with torch.no_grad():
    xb = torch.rand(1000, 28, 28)
    infer = infer_rate(lambda: model(xb), 1000)
print("pytorch threads %d lstm train b32 %.0f samples/s, infer b1000 %.0f samples/s"
      % (torch.get_num_threads(), train, infer))
