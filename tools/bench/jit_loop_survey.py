#!/usr/bin/env python3
"""Reads the disassembly that `-XX:CompileCommand=print,<method>` wrote and reports, for the method's last
C2 compile, its compile history and the shape of its hottest FMA loop: instructions, cmp (1 = only the loop
test, more = range checks kept in the loop), stack accesses (spills) and vmovd shuffles. Evidence for
benchmarks/results/micro-kernel-c2-recompile.txt.

Needs an hsdis library for the JDK (Debian: libhsdis0-fcml, copied to $JAVA_HOME/lib/server/hsdis-amd64.so;
with JDK 17 it prints raw bytes, which this script decodes with binutils' objdump).

  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \\
    "-XX:CompileCommand=print,dev.airfoil.tensor.kernels.VectorSgemm::micro" -XX:PrintAssemblyOptions=intel \\
    -jar cli/target/airfoil-cli.jar bench --workload mlp-infer-1000 --samples 20000 --repeats 2 > print.txt 2>&1
  tools/bench/jit_loop_survey.py print.txt VectorSgemm::micro [--all] [--dump]

--all also lists every loop with at least 12 FMAs (an unrolled form's pass and its outer loops; the report is the
shortest); --dump prints the reported loop's instructions other than the FMAs and broadcasts (range checks, index
arithmetic, spills).
"""
import os
import re
import subprocess
import sys
import tempfile

fd, BIN = tempfile.mkstemp(suffix='.bin')
os.close(fd)
args = [a for a in sys.argv[1:] if not a.startswith('--')]
flags = {a for a in sys.argv[1:] if a.startswith('--')}
txt = open(args[0]).read().split('\n')
meth = args[1]
# the method name must end where given: 'VectorSgemm::micro' must not also match 'VectorSgemm::microA'
own = re.compile(re.escape(meth) + r'[\s(]')
idx = [i for i, l in enumerate(txt) if l.startswith('Compiled method (c2)') and own.search(l)]
hist = [l.split()[3:6] for l in txt if l.startswith('Compiled method') and own.search(l)]
if not idx:
    print('no c2 compile'); sys.exit()
i = idx[-1]
j = next((k for k in range(i + 1, len(txt)) if txt[k].startswith('Compiled method') or txt[k].startswith('-----------------------------------')), len(txt))
code = bytearray(); start = None
for l in txt[i:j]:
    m = re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,8} ?\|? ?)+)$', l)
    if m:
        addr = int(m.group(1), 16)
        if start is None: start = addr
        b = bytes.fromhex(''.join(m.group(2).replace('|', '').split()))
        off = addr - start
        if len(code) < off: code.extend(b'\x90' * (off - len(code)))
        code[off:off + len(b)] = b
open(BIN, 'wb').write(code)
dis = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel', BIN], capture_output=True, text=True).stdout.split('\n')
ins = []
for l in dis:
    m = re.match(r'\s+([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)$', l)
    # objdump prints the bytes of an instruction longer than 7 bytes on a second line without a mnemonic: not
    # an instruction (counting those lines overstated loops with 32-bit displacements, e.g. micro's 34 as 36)
    if m and m.group(2).strip(): ins.append((int(m.group(1), 16), m.group(2).strip()))
# find back-edge jumps whose target precedes and whose body contains >= 12 vfmadd
best = None
for k, (a, t) in enumerate(ins):
    m = re.match(r'j\w+\s+0x([0-9a-f]+)', t)
    if m:
        tgt = int(m.group(1), 16)
        if tgt < a:
            body = [x for x in ins if tgt <= x[0] <= a]
            n = sum('vfmadd' in x[1] for x in body)
            if n >= 12 and '--all' in flags:
                print('loop', hex(tgt), '-', hex(a), len(body), 'instrs, fma', n, 'cmp',
                      sum(x[1].startswith('cmp') for x in body), 'stack', sum('[rsp' in x[1] for x in body))
            if n >= 12 and (best is None or len(body) < len(best)):
                best = body
if not best:
    print('history', hist, 'no fma loop found'); sys.exit()
if '--dump' in flags:
    for a, t in best:
        if 'vfmadd' not in t and 'vbroadcastss' not in t:
            print(hex(a), t)
cmps = sum(x[1].startswith('cmp') for x in best)
stack = sum('[rsp' in x[1] for x in best)
vmovd = sum(x[1].startswith('vmovd ') for x in best)
print('history', [' '.join(h) for h in hist], '| loop', len(best), 'instrs, fma', sum('vfmadd' in x[1] for x in best), 'cmp', cmps, 'stack', stack, 'vmovd', vmovd)
