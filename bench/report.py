#!/usr/bin/env python3
"""Measures aurora-gen as its users run it and prints the report table of bench/README.md.

Each figure is the median of several runs of a whole process, started the way a hook or CI
starts it (posix_spawn, output discarded), so process start-up is part of every number:
  - per process: an empty C++ program (the floor), --version, validate one manifest,
    render one manifest to one target (stdout), render one manifest to every target;
  - throughput: 1000 distinct manifests x 3 targets into a fresh directory, in one call (and
    x 1 target, the work of the script), beside bench/reference/render_cfn.py (Python +
    Jinja2, one target, one process) and the time to write the same files without rendering
    them (the filesystem's share);
  - an unchanged re-render and --check of those 1000;
  - peak RSS of a render of 10, 100 and 1000 manifests.
With --baseline BIN the same figures are measured for another aurora-gen build in the same
run (before/after for a change). Nothing is asserted: numbers depend on the machine.

Usage: report.py --bin AURORA_GEN --empty EMPTY_PROGRAM --peak-rss PEAK_RSS [--baseline BIN]
                 [--quick]
"""
import argparse
import datetime
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
MINIMAL = str(ROOT / "examples" / "minimal.yaml")


def run(argv):
    """Wall seconds of one process; its output is discarded."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, null.fileno(), 1), (os.POSIX_SPAWN_DUP2, null.fileno(), 2)])
        _, status = os.waitpid(pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"report.py: {' '.join(argv[:3])} ... failed with {status}")
    return elapsed


def median(runs, argv, before=None):
    """Median wall seconds over `runs` runs of `argv` (a list, or a function giving each
    run's); `before()` prepares each."""
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(run(argv() if callable(argv) else argv))
    return statistics.median(times)


def ms(seconds):
    return f"{seconds * 1000:.2f} ms" if seconds is not None else "n/a"


def knows_jobs(binary):
    """Whether this build has --jobs (a baseline from before it does not)."""
    help_text = subprocess.run([binary, "render", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in help_text


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} x {model}, {platform.system()} {platform.release()}"


class Bench:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.runs = 3 if args.quick else 30
        self.batch_runs = 1 if args.quick else 5
        self.count = 10 if args.quick else 1000
        self.manifests = work / "manifests"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_manifests.py"),
                        str(self.count), str(self.manifests)], check=True)
        self.files = sorted(str(p) for p in self.manifests.glob("*.yaml"))
        self.used = 0  # output directories handed out by unused()

    def fresh(self, name):
        """A path for an output directory, emptied before each run."""
        out = self.work / name
        return out, lambda: shutil.rmtree(out, ignore_errors=True)

    def unused(self, name):
        """A function giving, at each call, a directory path no run has used: for writes
        into a fresh directory. Earlier outputs are not deleted between runs: on an
        ext4 without a journal, creating an inode within a minute of deleting thousands
        makes the kernel step over each recently deleted one (fs/ext4/ialloc.c,
        find_inode_bit -> recently_deleted), which costs a fresh render of 1000 manifests
        seconds of system time that depend only on what the run before it deleted."""
        def next_path():
            self.used += 1
            return self.work / f"{name}-{self.used}"
        return next_path

    def per_process(self, binary):
        out, clear = self.fresh("one")
        rows = [
            ("--version", [binary, "--version"], None),
            ("validate one manifest", [binary, "validate", MINIMAL], None),
            ("render one manifest, one target (stdout)",
             [binary, "render", "--target", "cfn", MINIMAL], None),
            ("render one manifest, every target (fresh dir)",
             [binary, "render", "--out-dir", str(out), MINIMAL], clear),
        ]
        return [(label, median(self.runs, argv, before)) for label, argv, before in rows]

    def throughput(self, binary, jobs=None, target=None):
        if jobs and not knows_jobs(binary):
            return None
        out = self.unused("many")
        options = ["--jobs", str(jobs)] if jobs else []
        options += ["--target", target] if target else []
        return median(self.batch_runs,
                      lambda: [binary, "render", *options, "--out-dir", str(out())] + self.files)

    def unchanged_and_check(self, binary):
        out, clear = self.fresh("kept")
        clear()
        run([binary, "render", "--out-dir", str(out)] + self.files)
        rerender = median(self.batch_runs, [binary, "render", "--out-dir", str(out)] + self.files)
        check = median(self.batch_runs,
                       [binary, "render", "--check", "--out-dir", str(out)] + self.files)
        return rerender, check

    def jinja(self):
        try:
            import jinja2  # noqa: F401  (only whether the yardstick can run)
            import yaml  # noqa: F401
        except ImportError:
            print("note: no jinja2 or yaml module for this Python (Debian: python3-jinja2 "
                  "python3-yaml); the yardstick is left out\n")
            return None
        out = self.unused("jinja")
        script = str(ROOT / "bench" / "reference" / "render_cfn.py")
        return median(self.batch_runs, lambda: [sys.executable, script, str(out())] + self.files)

    def filesystem_floor(self, binary):
        """Seconds to write the files of one render, no rendering: directories, a temporary
        file each, renames and a sync, as aurora-gen writes them. What a fresh render of a
        thousand manifests costs on this filesystem whatever the compiler does."""
        source, _ = self.fresh("floor-source")
        run([binary, "render", "--out-dir", str(source)] + self.files)
        files = [(p.relative_to(source), p.read_bytes()) for p in source.rglob("*") if p.is_file()]
        new = self.unused("floor")
        times = []
        for _ in range(self.batch_runs):
            out = new()
            start = time.perf_counter()
            for rel, data in files:
                target = out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                temp = target.with_name(target.name + ".tmp")
                temp.write_bytes(data)
                temp.rename(target)
            os.sync()
            times.append(time.perf_counter() - start)
        return len(files), statistics.median(times)

    def rss(self, binary):
        sizes = [n for n in (10, 100, 1000) if n <= self.count]
        out = self.unused("rss")
        result = []
        for n in sizes:
            argv = [self.args.peak_rss, binary, "render", "--out-dir", str(out())] + self.files[:n]
            kib = subprocess.run(argv, capture_output=True, text=True).stdout.strip()
            result.append((n, int(kib)))
        return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--empty", required=True)
    parser.add_argument("--peak-rss", required=True)
    parser.add_argument("--baseline")
    parser.add_argument("--quick", action="store_true", help="a smoke run: few manifests")
    args = parser.parse_args()
    binaries = [("aurora-gen", args.bin)]
    if args.baseline:
        binaries.append(("baseline", args.baseline))
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as tmp:
        bench = Bench(args, pathlib.Path(tmp))
        floor = median(bench.runs, [args.empty])
        print(f"aurora-gen benchmark, {datetime.date.today()}, {machine()}")
        print(f"medians of {bench.runs} runs per process, {bench.batch_runs} per batch\n")
        names = " | ".join(name for name, _ in binaries)
        print(f"| figure | {names} |")
        print("|---|" + "---|" * len(binaries))
        print(f"| empty C++ program (the floor) | " + " | ".join(ms(floor) for _ in binaries) + " |")
        columns = [bench.per_process(path) for _, path in binaries]
        for i, (label, _) in enumerate(columns[0]):
            cells = [f"{ms(c[i][1])} (+{ms(c[i][1] - floor)})" for c in columns]
            print(f"| {label} | " + " | ".join(cells) + " |")
        jinja = bench.jinja()
        n = bench.count
        for label, jobs, target in (
                (f"{n} manifests x 3 targets, all cores", None, None),
                (f"{n} manifests x 3 targets, --jobs 1", 1, None),
                (f"{n} manifests x 1 target (cfn, the script's work), all cores", None, "cfn")):
            times = [bench.throughput(path, jobs, target) for _, path in binaries]
            cells = [f"{ms(t)} ({jinja / t:.2f}x the Jinja2 script)" if t and jinja else ms(t)
                     for t in times]
            print(f"| {label} | " + " | ".join(cells) + " |")
        print(f"| Python + Jinja2, {n} manifests x 1 target | " +
              " | ".join(ms(jinja) for _ in binaries) + " |")
        count, floor_write = bench.filesystem_floor(args.bin)
        print(f"| writing the {count} files of that render, no rendering (the filesystem) | " +
              " | ".join(ms(floor_write) for _ in binaries) + " |")
        kept = [bench.unchanged_and_check(path) for _, path in binaries]
        print(f"| re-render of {n}, nothing changed | " + " | ".join(ms(k[0]) for k in kept) + " |")
        print(f"| --check of {n}, nothing changed | " + " | ".join(ms(k[1]) for k in kept) + " |")
        sizes = [bench.rss(path) for _, path in binaries]
        for i, (count, _) in enumerate(sizes[0]):
            print(f"| peak RSS, render of {count} | " +
                  " | ".join(f"{s[i][1] / 1024:.1f} MiB" for s in sizes) + " |")


if __name__ == "__main__":
    main()
