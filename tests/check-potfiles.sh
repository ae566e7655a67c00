#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every source file with a translatable string must be listed in
# po/POTFILES.in, and every file listed there must exist.
# Prints TAP; usage: check-potfiles.sh SOURCE_ROOT

cd "$1" || exit 1

echo "1..2"

missing=$(grep -rlE '\b_\(|\bN_\(|translatable="yes"' src --include='*.c' --include='*.ui' |
  sort | while read -r file; do
    grep -qx "$file" po/POTFILES.in || echo "$file"
  done)

if [ -z "$missing" ]; then
  echo "ok 1 every file with translatable strings is in POTFILES.in"
else
  echo "not ok 1 every file with translatable strings is in POTFILES.in"
  echo "$missing" | sed 's/^/# missing: /'
fi

stale=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | while read -r file; do
    [ -f "$file" ] || echo "$file"
  done)

if [ -z "$stale" ]; then
  echo "ok 2 every file in POTFILES.in exists"
else
  echo "not ok 2 every file in POTFILES.in exists"
  echo "$stale" | sed 's/^/# no such file: /'
fi

[ -z "$missing" ] && [ -z "$stale" ]
