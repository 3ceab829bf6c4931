#!/usr/bin/env python3
"""Checks that Package.swift says exactly what the code imports.

For every target in Package.swift, the set of package modules its Swift sources import (targets
of this package and products of its dependencies, e.g. ArgumentParser) must equal the target's
declared `dependencies`: no import of an undeclared module, no declared dependency that no
source imports. System modules (Foundation, Glibc, Testing, ...) are not package modules and
are ignored. C targets (no Swift sources) are checked only for imports, having none.

Usage: scripts/check_imports.py [package directory]   (exit status 1 on a mismatch)
"""
import os
import re
import sys

TARGET = re.compile(r'\.(target|testTarget|executableTarget)\(\s*name:\s*"([^"]+)"')
IMPORT = re.compile(
    r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?'
    r'import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)',
    re.M)


def call_body(text, start):
    """The text of the parenthesised call whose `(` is at or after `start`."""
    open_at = text.index('(', start)
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == '(':
            depth += 1
        elif text[i] == ')':
            depth -= 1
            if depth == 0:
                return text[open_at + 1:i]
    raise ValueError('unbalanced parentheses in Package.swift')


def bracketed(body, label):
    """The contents of `label: [ ... ]` in `body`, or None."""
    match = re.search(label + r':\s*\[', body)
    if not match:
        return None
    depth = 0
    for i in range(match.end() - 1, len(body)):
        if body[i] == '[':
            depth += 1
        elif body[i] == ']':
            depth -= 1
            if depth == 0:
                return body[match.end():i]
    raise ValueError('unbalanced brackets in Package.swift')


def parse_targets(package_text):
    """[(kind, name, declared dependencies, source directory)] from Package.swift."""
    text = re.sub(r'//[^\n]*', '', package_text)
    targets = []
    for match in TARGET.finditer(text):
        kind, name = match.group(1), match.group(2)
        body = call_body(text, match.start())
        dependencies = set()
        listed = bracketed(body, 'dependencies')
        if listed:
            dependencies |= set(re.findall(r'\.product\(\s*name:\s*"([^"]+)"', listed))
            without_products = re.sub(r'\.product\([^)]*\)', '', listed)
            dependencies |= set(re.findall(r'"([^"]+)"', without_products))
        path = re.search(r'path:\s*"([^"]+)"', body)
        directory = path.group(1) if path else os.path.join('Tests' if kind == 'testTarget' else 'Sources', name)
        targets.append((kind, name, dependencies, directory))
    return targets


def product_modules(package_text):
    """Module names of the package dependencies' products used in Package.swift."""
    return set(re.findall(r'\.product\(\s*name:\s*"([^"]+)"', re.sub(r'//[^\n]*', '', package_text)))


def imports(directory):
    """Module name -> first file importing it, over the Swift files under `directory`."""
    found = {}
    for root, _, files in os.walk(directory):
        for file in sorted(files):
            if file.endswith('.swift'):
                path = os.path.join(root, file)
                with open(path, encoding='utf-8') as source:
                    for module in IMPORT.findall(source.read()):
                        found.setdefault(module, path)
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    with open(os.path.join(root, 'Package.swift'), encoding='utf-8') as package:
        package_text = package.read()
    targets = parse_targets(package_text)
    modules = {name for _, name, _, _ in targets} | product_modules(package_text)
    problems = []
    for _, name, declared, directory in targets:
        used = {module: path for module, path in imports(os.path.join(root, directory)).items()
                if module in modules and module != name}
        for module in sorted(set(used) - declared):
            problems.append(f'{name}: imports {module} ({os.path.relpath(used[module], root)}) but does not declare it')
        for module in sorted(declared - set(used)):
            problems.append(f'{name}: declares {module} but no source imports it')
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f'check_imports: {len(problems)} mismatch(es) between Package.swift and the imports', file=sys.stderr)
        return 1
    print(f'check_imports: {len(targets)} targets, dependencies match the imports')
    return 0


if __name__ == '__main__':
    sys.exit(main())
