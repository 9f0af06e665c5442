#!/usr/bin/env python3
"""diff.py — runs one x86-diff test program natively (the oracle: the host
CPU, in a child process) and under an emulator (morph or qemu-user), and
compares the two output records of every case field by field, ignoring
only what the case's manifest says the manual leaves undefined.

    diff.py PROGRAM -- EMULATOR [ARGS...]       compare all cases
    diff.py --case N PROGRAM -- EMULATOR ...    one case, every field shown
    diff.py PROGRAM                             native only (harness check)

PROGRAM.json is the manifest gen.py wrote beside the program. A case that
kills the emulated program (SIGILL for an instruction not translated yet,
SIGSEGV, a hang) is reported once as such, and the run goes on from the
next case, up to --max-crashes times. Exit status 0 when every case
matched, 1 otherwise.
"""
import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import time


def signame(rc):
    """Name what ended a process: 'exit 3', 'SIGILL', ..."""
    if rc < 0:
        try:
            return signal.Signals(-rc).name
        except ValueError:
            return "signal %d" % -rc
    if rc > 128:
        try:
            return "exit %d (%s?)" % (rc, signal.Signals(rc - 128).name)
        except ValueError:
            pass
    return "exit %d" % rc


def run_program(cmd, first, count, timeout):
    """Runs cases [first, first+count); returns (stdout, why it ended
    badly or None, stderr)."""
    try:
        p = subprocess.run(cmd + [str(first), str(count)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return p.stdout, signame(p.returncode) if p.returncode else None, p.stderr
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", "timeout after %ds" % timeout, e.stderr or b""


def collect(cmd, man, first, count, timeout, max_crashes, log):
    """Every output record the program produced, by case index, plus the
    cases that killed it: {case: reason}. `timeout` bounds the whole
    collection, restarts included."""
    size = man["out_size"]
    end = min(first + count, len(man["cases"]))
    records, crashes = {}, {}
    deadline = time.monotonic() + timeout
    same_start_failures, last_reason = 0, None
    k = first
    while k < end:
        left = int(deadline - time.monotonic())
        if left <= 0:
            log("  out of time; cases %d..%d not run" % (k, end - 1))
            break
        out, why, err = run_program(cmd, k, end - k, left)
        n = len(out) // size
        for i in range(n):
            rec = out[i * size:(i + 1) * size]
            records[int.from_bytes(rec[:4], "little")] = rec
        k += n
        if why is None and k >= end:
            break
        if k >= end:            # all written, then a bad exit
            crashes[end - 1] = "all cases written, then %s" % why
            break
        reason = why or "exit 0 before the last case"
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        crashes[k] = reason + ("  [%s]" % tail[0][:160] if tail else "")
        # the same death before any case finishes, again and again: the
        # program as a whole does not run (loader, harness instructions)
        if n == 0 and crashes[k] == last_reason:
            same_start_failures += 1
        else:
            same_start_failures = 0
        last_reason = crashes[k]
        if same_start_failures >= 4:
            log("  every run dies before its first case ends (%s): the program does not run "
                "under this emulator; cases %d..%d not run" % (crashes[k], k + 1, end - 1))
            break
        if len(crashes) >= max_crashes:
            log("  gave up after %d dead cases; cases %d..%d not run" % (len(crashes), k + 1, end - 1))
            break
        k += 1
    return records, crashes


class Comparator:
    def __init__(self, man):
        self.man = man
        self.word_mask = (1 << (8 * man["word"])) - 1

    def field_masks(self, case):
        """name -> mask of the bits compared (as a little-endian integer)."""
        ign = {k: int(v, 16) for k, v in case["ignore"].items()}
        masks = {}
        for name, _, size in self.man["out_fields"]:
            m = (1 << (8 * size)) - 1
            if name == "flags":
                m &= self.man["flags_compared"] & ~case["flags_undefined"]
            masks[name] = m & ~ign.get(name, 0)
        return masks

    def empty_st(self, rec):
        """ST(i) names whose register the oracle's tag word marks empty."""
        if not self.man["x87"]:
            return set()
        f = self.man["fnsave"]
        fsw = int.from_bytes(rec[f + 4:f + 6], "little")
        ftw = int.from_bytes(rec[f + 8:f + 10], "little")
        top = (fsw >> 11) & 7
        return {"st%d" % i for i in range(8) if (ftw >> (2 * ((top + i) & 7))) & 3 == 3}

    def diff(self, k, ref, tgt):
        """[(field, ref value, target value, compared mask, size)] that differ."""
        if ref[4:] == tgt[4:]:
            return []
        case = self.man["cases"][k]
        masks = self.field_masks(case)
        empty = self.empty_st(ref)
        bad = []
        for name, off, size in self.man["out_fields"]:
            if name in empty:
                continue
            a = int.from_bytes(ref[off:off + size], "little")
            b = int.from_bytes(tgt[off:off + size], "little")
            m = masks[name]
            if (a ^ b) & m:
                bad.append((name, a, b, m, size))
        return bad


def self_test(man, native, ref, first, count, timeout, log, label):
    """The oracle is deterministic and the comparator is alive."""
    again, dead = collect(native, man, first, count, timeout, 1, log)
    unstable = [k for k in ref if again.get(k) != ref[k]]
    cmp = Comparator(man)
    missed, false_alarms, ignored_checked = [], [], 0
    for k in range(first, first + count):
        rec = ref[k]
        case = man["cases"][k]
        masks = cmp.field_masks(case)
        empty = cmp.empty_st(rec)
        fields = [f for f in man["out_fields"] if masks[f[0]] and f[0] not in empty]
        name, off, size = fields[k % len(fields)]
        m = masks[name]
        set_bits = [i for i in range(8 * size) if (m >> i) & 1]
        bit = 1 << set_bits[(k * 7) % len(set_bits)]
        flipped = int.from_bytes(rec[off:off + size], "little") ^ bit
        mutant = rec[:off] + flipped.to_bytes(size, "little") + rec[off + size:]
        if not cmp.diff(k, rec, mutant):
            missed.append((k, name))
        for name2, off2, size2 in man["out_fields"]:
            undefined = ((1 << (8 * size2)) - 1) & ~masks[name2]
            if undefined and name2 not in empty:
                v = int.from_bytes(rec[off2:off2 + size2], "little") ^ undefined
                mutant = rec[:off2] + v.to_bytes(size2, "little") + rec[off2 + size2:]
                ignored_checked += 1
                if cmp.diff(k, rec, mutant):
                    false_alarms.append((k, name2))
                break
    ok = not dead and not unstable and not missed and not false_alarms
    log("%s self-test: %d cases; %d differ between two native runs; %d flipped compared "
        "bits missed; %d of %d flipped undefined bits reported -> %s" % (
            label, count, len(unstable) + len(dead), len(missed), len(false_alarms),
            ignored_checked, "PASS" if ok else "FAIL"))
    for k, name in (missed + false_alarms)[:10]:
        log("  case %d field %s" % (k, name))
    for k in unstable[:10]:
        log("  case %d is not deterministic natively: %s" % (k, man["cases"][k]["text"]))
    return 0 if ok else 1


def history_window(target_cmd, man, cmp, ref, k, first):
    """The latest start from which case k fails again: names the earlier
    cases that leave state behind in the emulator."""
    d = 1
    while True:
        start = max(first, k - d)
        got, _ = collect(target_cmd, man, start, k - start + 1, 60, 1, lambda s: None)
        if k in got and cmp.diff(k, ref[k], got[k]):
            lo, hi = start, k - d // 4 if d > 1 else k     # fails from lo, not from hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                got, _ = collect(target_cmd, man, mid, k - mid + 1, 60, 1, lambda s: None)
                if k in got and cmp.diff(k, ref[k], got[k]):
                    lo = mid
                else:
                    hi = mid
            return "fails again when run from case %d: %s" % (
                lo, man["cases"][lo]["text"])
        if start == first:
            break
        d *= 4
    return "depends on the cases before it"


def hexw(v, size):
    return "%0*x" % (2 * size, v)


def describe_inputs(man, inputs, k, log):
    rec = inputs[k * man["in_size"]:(k + 1) * man["in_size"]]
    parts = []
    for name, off, size in man["in_fields"]:
        parts.append("%s=%s" % (name, hexw(int.from_bytes(rec[off:off + size], "little"), size)))
    line = "    in:"
    for p in parts:
        if len(line) + len(p) > 118:
            log(line)
            line = "       "
        line += " " + p
    log(line)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("program")
    p.add_argument("emulator", nargs=argparse.REMAINDER,
                   help="-- then the emulator command line (program appended)")
    p.add_argument("--case", type=int, help="run and show this case only")
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--count", type=int, default=1 << 30)
    p.add_argument("--details", type=int, default=12, help="mismatches shown in full")
    p.add_argument("--timeout", type=int, default=270,
                   help="seconds for all runs of one side, restarts included")
    p.add_argument("--max-crashes", type=int, default=40)
    p.add_argument("--self-test", action="store_true",
                   help="check the harness instead: two native runs agree, and a flipped "
                        "compared bit is caught in every case while a flipped undefined one is not")
    args = p.parse_args()
    emulator = [a for a in args.emulator if a != "--"] if args.emulator else []

    with open(args.program + ".json") as f:
        man = json.load(f)
    with open(args.program + ".bin", "rb") as f:
        inputs = f.read()
    cases = man["cases"]
    out = sys.stdout
    log = lambda s: print(s, file=out, flush=True)     # noqa: E731
    first, count = args.first, args.count
    if args.case is not None:
        first, count = args.case, 1
    count = min(count, len(cases) - first)
    label = "%s %s" % (man["arch"], man["group"])

    native = [os.path.abspath(args.program)]
    ref, ref_dead = collect(native, man, first, count, args.timeout, 1, log)
    if ref_dead or len(ref) != count:
        log("%s: the native run failed (%s): a harness bug" % (label, ref_dead or "short output"))
        return 1
    if args.self_test:
        return self_test(man, native, ref, first, count, args.timeout, log, label)
    if not emulator:
        log("%s: %d cases ran natively" % (label, count))
        return 0

    target_cmd = emulator + [os.path.abspath(args.program)]
    tgt, dead = collect(target_cmd, man, first, count, args.timeout, args.max_crashes, log)
    cmp = Comparator(man)
    by_form = collections.Counter()
    by_field = collections.Counter()
    shown = 0
    mismatched = 0
    for k in range(first, first + count):
        c = cases[k]
        if k in dead:
            log("case %d [%s] %s: the emulated program died: %s" % (k, c["form"], c["text"], dead[k]))
            by_form[c["form"] + " (died)"] += 1
            if shown < args.details:
                describe_inputs(man, inputs, k, log)
                shown += 1
            continue
        if k not in tgt:
            continue
        bad = cmp.diff(k, ref[k], tgt[k])
        if args.case is not None:
            log("case %d [%s] %s" % (k, c["form"], c["text"]))
            describe_inputs(man, inputs, k, log)
            masks = cmp.field_masks(c)
            for name, off, size in man["out_fields"]:
                a = int.from_bytes(ref[k][off:off + size], "little")
                b = int.from_bytes(tgt[k][off:off + size], "little")
                flag = "  MISMATCH" if any(x[0] == name for x in bad) else ""
                log("    %-8s native %s  emulated %s  compared %s%s" % (
                    name, hexw(a, size), hexw(b, size), hexw(masks[name], size), flag))
        if not bad:
            continue
        mismatched += 1
        by_form[c["form"]] += 1
        for name, *_ in bad:
            by_field[name] += 1
        if shown < args.details and args.case is None:
            shown += 1
            alone, _ = collect(target_cmd, man, k, 1, 60, 1, lambda s: None)
            history = ""
            if k in alone and not cmp.diff(k, ref[k], alone[k]):
                history = "  (matches when run alone; %s)" % history_window(
                    target_cmd, man, cmp, ref, k, first)
            log("case %d [%s] %s%s" % (k, c["form"], c["text"], history))
            describe_inputs(man, inputs, k, log)
            for name, a, b, m, size in bad:
                log("    %-8s native %s  emulated %s  differs %s" % (
                    name, hexw(a, size), hexw(b, size), hexw((a ^ b) & m, size)))
    not_run = count - len(tgt) - len([k for k in dead if k not in tgt])
    ok = mismatched == 0 and not dead and not_run <= 0
    log("%s: %d cases, %d mismatched, %d killed the emulated program%s -> %s" % (
        label, count, mismatched, len(dead),
        ", %d not run" % not_run if not_run > 0 else "", "PASS" if ok else "FAIL"))
    if by_form:
        log("  by form: " + ", ".join("%s: %d" % kv for kv in sorted(by_form.items(), key=lambda kv: -kv[1])))
    if by_field:
        log("  by field: " + ", ".join("%s: %d" % kv for kv in sorted(by_field.items(), key=lambda kv: -kv[1])))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
