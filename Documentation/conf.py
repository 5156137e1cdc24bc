# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of the sandbox documentation: HTML (make htmldocs)
# and the man pages sandboxctl(1) and sandbox(4) (make man) come from the
# same sources. Paths of the inputs are absolute, derived from this file's
# place, so sphinx-build may run from anywhere.

import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(_here, 'sphinx'))

# Inputs of the generated reference parts (override with -D NAME=VALUE).
sandbox_srctree = os.path.dirname(_here)
kerneldoc_bin = os.path.join(sandbox_srctree, 'build/ksrc/scripts/kernel-doc')
sandboxctl_bin = os.path.join(sandbox_srctree, 'build/bin/sandboxctl')

project = 'sandbox'
author = 'The sandbox authors'
copyright = '2026, ' + author
with open(os.path.join(sandbox_srctree, 'VERSION')) as f:
    version = release = f.read().strip()

extensions = ['sandbox_docs']
primary_domain = 'c'
highlight_language = 'none'
exclude_patterns = ['sphinx']
html_theme = 'alabaster'
html_static_path = []
# reproducible output: no build date in the pages
html_last_updated_fmt = None
today_fmt = '%Y'

# The reference pages double as man pages: one source for both.
man_pages = [
    ('sandboxctl', 'sandboxctl',
     'create, run and inspect sandboxes', [author], 1),
    ('userspace-api', 'sandbox',
     'sandbox device: container sandboxes through ioctls', [author], 4),
]
man_show_urls = False
man_make_section_directory = False
