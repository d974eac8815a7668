#!/usr/bin/env python3
"""The PyTorch side of differentiable-bench: the same two training steps as Neural's
TrainingBenchmark (2-layer LSTM hidden 64, and a 2-layer pre-norm causal Transformer encoder of
width 64, 4 heads, feed-forward 128; batch 32, sequence 24, Adam, MSE), timed on CPU.

Usage: bench_torch.py THREADS STEPS [cpu|wall]
  -> prints "<model> <median ms per step> <first loss> <last loss>" per model.
The clock is process CPU time with `cpu` (the default: with one thread it is the step's own time,
robust to other processes on the machine) and wall-clock time with `wall` (for several threads).
"""
import math
import statistics
import sys
import time

import torch

threads, steps = int(sys.argv[1]), int(sys.argv[2])
clock = time.process_time if (sys.argv[3] if len(sys.argv) > 3 else "cpu") == "cpu" else time.perf_counter
torch.set_num_threads(threads)
torch.manual_seed(1)
B, T, W = 32, 24, 64

x = torch.zeros(B, T, 1)
y = torch.zeros(B, T, 1)
for i in range(B):
    phase, freq = i * 0.37, 0.15 + 0.01 * (i % 7)
    v = [math.sin(freq * j + phase) + 0.3 * math.sin(2.1 * freq * j) for j in range(T + 1)]
    x[i, :, 0] = torch.tensor(v[:T])
    y[i, :, 0] = torch.tensor(v[1:])
pos = torch.zeros(T, W)
for p in range(T):
    for k in range(W // 2):
        a = p / math.exp(2 * k / W * math.log(10000))
        pos[p, 2 * k], pos[p, 2 * k + 1] = math.sin(a), math.cos(a)


class LSTMModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(1, W, num_layers=2, batch_first=True)
        self.head = torch.nn.Linear(W, 1)

    def forward(self, x):
        return self.head(self.rnn(x)[0])


class TransformerModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(1, W)
        layer = torch.nn.TransformerEncoderLayer(W, 4, 2 * W, dropout=0.0, activation="gelu",
                                                 batch_first=True, norm_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.head = torch.nn.Linear(W, 1)
        self.register_buffer("mask", torch.nn.Transformer.generate_square_subsequent_mask(T))

    def forward(self, x):
        return self.head(self.encoder(self.proj(x) + pos, mask=self.mask, is_causal=True))


for name, model in [("lstm", LSTMModel()), ("transformer", TransformerModel())]:
    opt = torch.optim.Adam(model.parameters(), lr=3e-3 if name == "lstm" else 1e-3)
    losses, times = [], []
    for s in range(steps + 3):
        t0 = clock()
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        t1 = clock()
        losses.append(loss.item())
        if s >= 3:
            times.append((t1 - t0) * 1000)
    print(name, statistics.median(times), losses[0], losses[-1], flush=True)
