"""scipy.optimize.linear_sum_assignment on the matrices written by
`cargo run --release --example bench_solver -- DIR`; compares times and totals with
DIR/rust_results.txt.  Usage: python3 bench/bench_solver.py DIR"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def load(path):
    raw = np.fromfile(path, dtype="<i8")
    n_blocks, pos, blocks = int(raw[0]), 1, []
    for _ in range(n_blocks):
        rows, cols = int(raw[pos]), int(raw[pos + 1])
        pos += 2
        blocks.append(np.ascontiguousarray(raw[pos:pos + rows * cols].reshape(rows, cols)))
        pos += rows * cols
    return blocks


def run(blocks):
    total = matched = 0
    for m in blocks:
        r, c = linear_sum_assignment(m, maximize=True)
        chosen = m[r, c]
        total += int(chosen.sum())
        matched += int((chosen > 0).sum())  # (c): 0 = infeasible filler
    return total, matched


ours = {}
DIR = sys.argv[1] if len(sys.argv) > 1 else "bench_data"
with open(f"{DIR}/rust_results.txt") as f:
    for line in f:
        name, objective, secs, n_matched, total = line.split()
        ours[(name, objective)] = (float(secs), int(n_matched), int(total))

print(f"{'inst':<5}{'scipy s':>10}{'ours s':>10}{'ours/scipy':>12}  totals (scipy / ours Score)")
for name in ["a", "b", "c"]:
    blocks = load(f"{DIR}/{name}.bin")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        total, matched = run(blocks)
        best = min(best, time.perf_counter() - t)
    secs, _, our_total = ours[(name, "score")]
    status = "OK" if our_total == total else "MISMATCH"
    print(f"{name:<5}{best:10.3f}{secs:10.3f}{secs / best:12.3f}  {total} / {our_total} {status}")
    cov = ours[(name, "coverage")]
    print(f"{'':<5}(ours Coverage: {cov[0]:.3f} s, matched {cov[1]}, total {cov[2]})")
