# SPDX-License-Identifier: GPL-2.0
"""Sphinx directives that pull the sandbox documentation from its sources.

The reference parts of Documentation/ are never written twice: the uapi
reference comes from the kernel-doc comments of uapi/linux/sandbox.h, and
sandboxctl(1) from the tool's own --help text. Both are rendered at build
time, so they cannot drift from what they describe.

  .. kernel-doc:: uapi/linux/sandbox.h
     :doc: Error codes
     :identifiers: struct sandbox_create SANDBOX_CREATE
     :no-doc-sections:

Runs the kernel's scripts/kernel-doc -rst (extracted into build/ksrc, path in
the ``kerneldoc_bin`` setting) on the file, relative to ``sandbox_srctree``.
Without options, everything in the file is included; :no-doc-sections:
leaves out the DOC: blocks (include those by name where they belong).

  .. sandboxctl-help:: synopsis
  .. sandboxctl-help:: commands

The first gives the usage lines, the second a subsection per command; the
page supplies the section titles around them. Runs ``sandboxctl --help``
(``sandboxctl_bin``) for the usage and the command list, and
``sandboxctl CMD --help`` for each command: its usage, description,
options and remaining paragraphs.
"""

import os
import re
import subprocess

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import ViewList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles


# A word ending in "_" is a reST hyperlink reference, never what a C
# comment means ("[A-Za-z0-9_.-]", "SANDBOX_LIMIT_"). Escape the underscore
# outside ``literals``; indented literal blocks (struct definitions) end in
# ";" or "," where it matters and are left alone.
_TRAILING_US_RE = re.compile(r'(?<=[A-Za-z0-9])_(?=[\s\].,:;)-]|$)')


def _escape_refs(line):
    parts = line.split('``')
    for i in range(0, len(parts), 2):
        parts[i] = _TRAILING_US_RE.sub(r'\\_', parts[i])
    return '``'.join(parts)


def _parse_rst(directive, lines, source):
    """Parse generated reST lines (titles allowed) into a container."""
    view = ViewList()
    for i, line in enumerate(lines):
        view.append(line, source, i)
    node = nodes.container()
    nested_parse_with_titles(directive.state, view, node)
    return node.children


class KernelDoc(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        'doc': directives.unchanged_required,
        'identifiers': directives.unchanged_required,
        'no-doc-sections': directives.flag,
    }

    def run(self):
        cfg = self.env.config
        path = os.path.join(cfg.sandbox_srctree, self.arguments[0])
        cmd = ['perl', cfg.kerneldoc_bin, '-rst', '-Werror']
        if 'no-doc-sections' in self.options:
            cmd.append('-no-doc-sections')
        if 'doc' in self.options:
            cmd += ['-function', self.options['doc']]
        for ident in self.options.get('identifiers', '').split():
            # kernel-doc names identifiers without their "struct " or
            # "enum " keyword
            if ident not in ('struct', 'enum', 'union'):
                cmd += ['-function', ident]
        cmd.append(path)

        self.env.note_dependency(os.path.abspath(path))
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode or res.stderr.strip():
            raise self.error('kernel-doc failed on %s:\n%s' %
                             (path, res.stderr))
        lines = res.stdout.splitlines()
        if 'doc' in self.options:
            # the page gives the DOC: block a real section title; drop
            # kernel-doc's label and bold pseudo-title
            drop = {'.. _%s:' % self.options['doc'],
                    '**%s**' % self.options['doc']}
            lines = [line for line in lines if line not in drop]
        return _parse_rst(self, [_escape_refs(line) for line in lines], path)


_OPTION_RE = re.compile(r'^  (-\S.*?)(?:\s{2,}(\S.*))?$')


def _help(binary, *args):
    res = subprocess.run([binary, *args, '--help'], capture_output=True,
                         text=True)
    if res.returncode:
        raise RuntimeError('%s %s --help exited %d' %
                           (binary, ' '.join(args), res.returncode))
    return res.stdout.splitlines()


def _literal(text):
    """Text as an inline literal that reST takes as is."""
    return '``%s``' % text.replace('``', '`\\`')


def _help_to_rst(lines):
    """One --help text as reST: usage lines, paragraphs, option lists.

    The --help layout is the tool's own convention: "usage:" lines first,
    paragraphs separated by blank lines, "Options:" or "Commands:" headings,
    and items indented by two spaces with their description at a column
    further right, continued by deeper-indented lines.
    """
    out = []
    items = []		# [term, [description lines]]
    i = 0

    def flush_items():
        for term, desc in items:
            out.append(_literal(term))
            if desc:
                out.append('   ' + ' '.join(desc))
            out.append('')
        items.clear()

    while i < len(lines) and (lines[i].startswith('usage:') or
                              lines[i].startswith('       ')):
        if not out:
            out += ['**Synopsis**', '']
        out.append('| ' + _literal(lines[i].split(':', 1)[1].strip()
                                   if lines[i].startswith('usage:')
                                   else lines[i].strip()))
        i += 1
    out.append('')

    para = []
    for line in lines[i:] + ['']:
        m = _OPTION_RE.match(line)
        if not line.strip():
            if para:
                out += [' '.join(para), '']
                para = []
            continue
        if m:
            items.append([m.group(1).strip(),
                          [m.group(2)] if m.group(2) else []])
        elif items and line.startswith('    '):
            items[-1][1].append(line.strip())
        elif re.match(r'^[A-Z][A-Za-z ]*:$', line):
            flush_items()
            out += ['**%s**' % line[:-1], '']
        else:
            flush_items()
            para.append(line.strip())
    flush_items()
    return out


class SandboxctlHelp(SphinxDirective):
    """``.. sandboxctl-help:: synopsis|commands`` (default: both)."""
    optional_arguments = 1
    has_content = False
    option_spec = {}

    def run(self):
        binary = self.env.config.sandboxctl_bin
        self.env.note_dependency(os.path.abspath(binary))
        try:
            main = _help(binary)
        except (OSError, RuntimeError) as e:
            raise self.error('cannot run %s: %s (make tools first)' %
                             (binary, e))

        cmds = []
        in_cmds = False
        for line in main:
            if line == 'Commands:':
                in_cmds = True
            elif in_cmds and line.startswith('  '):
                name, summary = line.split(None, 1)
                cmds.append((name, summary))
        if not cmds:
            raise self.error('%s --help lists no commands' % binary)

        part = self.arguments[0] if self.arguments else None
        if part not in (None, 'synopsis', 'commands'):
            raise self.error('unknown part %s' % part)
        rst = []
        if part != 'commands':
            for line in main:
                if line.startswith('usage:'):
                    line = line[len('usage:'):]
                elif not line.startswith('       '):
                    continue
                rst.append('| ' + _literal(line.strip()))
            rst.append('')
        if part == 'synopsis':
            return _parse_rst(self, rst, binary)
        for name, summary in cmds:
            title = 'sandboxctl %s' % name
            rst += [title, '=' * len(title), '', summary[0].upper() +
                    summary[1:] + '.', '']
            try:
                rst += _help_to_rst(_help(binary, name))
            except RuntimeError as e:
                raise self.error(str(e))
        return _parse_rst(self, rst, binary)


def setup(app):
    app.add_config_value('sandbox_srctree', '..', 'env')
    app.add_config_value('kerneldoc_bin', 'build/ksrc/scripts/kernel-doc',
                         'env')
    app.add_config_value('sandboxctl_bin', 'build/bin/sandboxctl', 'env')
    app.add_directive('kernel-doc', KernelDoc)
    app.add_directive('sandboxctl-help', SandboxctlHelp)
    return {'version': '1', 'parallel_read_safe': True,
            'parallel_write_safe': True}
