#!/usr/bin/env python3
"""Interleaved start-up measurement: every round runs each command once, in turn, so a noisy neighbour slows all
commands alike instead of whichever hyperfine happened to be running. Prints wall and CPU (user+sys) per command.
usage: measure.py ROUNDS NAME=COMMAND|@FILE ...   (COMMAND split on spaces; a FILE holds one NAME=COMMAND a line;
the environment is passed through)"""
import resource, statistics, subprocess, sys, time

rounds = int(sys.argv[1])
specs = []
for arg in sys.argv[2:]:
    specs.extend(open(arg[1:]).read().splitlines() if arg.startswith("@") else [arg])
commands = [spec.split("=", 1) for spec in specs if spec]
wall = {name: [] for name, _ in commands}
cpu = {name: [] for name, _ in commands}
for name, command in commands:  # warm-up: page cache, archives mapped once
    for _ in range(2):
        subprocess.run(command.split(" "), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(rounds):
    for name, command in commands:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command.split(" "), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall[name].append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if done.returncode != 0:
            sys.exit(f"{name} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
print(f"{'command':<28} {'wall median':>11} {'p25':>6} {'min':>6} {'cpu median':>11}   ({rounds} rounds)")
for name, _ in commands:
    w = sorted(wall[name])
    print(f"{name:<28} {statistics.median(w):9.0f}ms {w[len(w)//4]:5.0f} {w[0]:6.0f} {statistics.median(cpu[name]):9.0f}ms")
