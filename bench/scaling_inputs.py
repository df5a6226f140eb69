#!/usr/bin/env python3
"""Generators of Python files that stress one analysis construct each, for
bench/run's scaling table: each input has N repetitions of its construct, so
the time per doubling of N shows whether modlint is linear in it.

Usage: scaling_inputs.py KIND N  (writes the file to stdout)
       scaling_inputs.py --kinds
"""
import sys

HEAD = "import sys\nimport types\n\n"


def alias_chain(n):
    lines = ["def f(src):", "    m0 = types.ModuleType('x')"]
    lines += [f"    m{i} = m{i - 1}" for i in range(1, n)]
    lines += [f"    exec(src, m{n - 1}.__dict__)", f"    return m{n - 1}.run"]
    return HEAD + "\n".join(lines) + "\n"


def escapes(n):
    lines = ["def f(src):", "    global " + ", ".join(f"g{i}" for i in range(n)),
             "    mod = types.ModuleType('x')", "    exec(src, mod.__dict__)"]
    lines += [f"    g{i} = mod.f{i}" for i in range(n)]
    return HEAD + "\n".join(lines) + "\n"


def registrations(n):
    lines = ["def f(src):", "    mod = types.ModuleType('x')", "    exec(src, mod.__dict__)"]
    for i in range(n):
        lines += [f"    sys.modules['k{i}'] = mod", f"    del sys.modules['k{i}']"]
    lines += ["    return mod.run"]
    return HEAD + "\n".join(lines) + "\n"


def loops(n):
    lines = ["def f(src, items):", "    a = types.ModuleType('x')", "    b = a",
             "    exec(src, a.__dict__)"]
    for _ in range(n):
        lines += ["    for item in items:", "        a, b = b, a", "        c = a.run"]
    lines += ["    return c"]
    return HEAD + "\n".join(lines) + "\n"


def branches(n):
    lines = ["def f(src, flags):", "    mod = None"]
    for i in range(n):
        lines += [f"    if flags[{i}]:", f"        mod = types.ModuleType('a{i}')",
                  "    else:", f"        mod = types.ModuleType('b{i}')",
                  "    exec(src, mod.__dict__)"]
    lines += ["    return mod.run"]
    return HEAD + "\n".join(lines) + "\n"


def recreations(n):
    lines = ["def f(src):", "    out = []"]
    for i in range(n):
        lines += [f"    mod = types.ModuleType('m{i}')", "    exec(src, mod.__dict__)",
                  "    out.append(mod.run)"]
    lines += ["    return out"]
    return HEAD + "\n".join(lines) + "\n"


def factory_chain(n):
    lines = ["def f0(name):", "    return types.ModuleType(name)"]
    for i in range(1, n):
        lines += [f"def f{i}(name):", f"    m = f{i - 1}(name)", "    return m"]
    lines += ["def use(src):", f"    mod = f{n - 1}('x')", "    exec(src, mod.__dict__)",
              "    return mod.run"]
    return HEAD + "\n".join(lines) + "\n"


def huge_literal(n):
    items = ", ".join(f"mod.f{i}" if i % 100 == 0 else str(i) for i in range(n))
    lines = ["def f(src):", "    mod = types.ModuleType('x')", "    exec(src, mod.__dict__)",
             f"    return [{items}]"]
    return HEAD + "\n".join(lines) + "\n"


KINDS = {
    "alias chains": alias_chain,
    "escapes through globals": escapes,
    "registrations and del": registrations,
    "re-aliasing loops": loops,
    "branches re-creating a module": branches,
    "sequential re-creations": recreations,
    "factory chains": factory_chain,
    "huge literals": huge_literal,
}


def main():
    if sys.argv[1:] == ["--kinds"]:
        print("\n".join(KINDS))
        return
    kind, n = sys.argv[1], int(sys.argv[2])
    sys.stdout.write(KINDS[kind](n))


if __name__ == "__main__":
    main()
