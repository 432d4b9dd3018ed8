#!/usr/bin/env bash
# What `npm publish` would ship, checked before it does: builds dist/, runs the package tests
# (publint and arethetypeswrong on the packed tarball, the tarball's contents, doc comments on every
# public export, the CHANGELOG and the release step, CommonJS/ESM/IIFE, types, tree-shaking, size
# budgets), then lists the tarball with its sizes (npm pack --dry-run) and the pending changesets.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build (from an empty dist/: npm pack ships whatever is in it)"
rm -rf dist
npx rollup -c rollup.config.mjs --silent

echo "== package gates (vitest test/package)"
npx vitest run test/package

echo "== what npm publish would ship"
npm pack --dry-run --ignore-scripts

pending=$(find .changeset -maxdepth 1 -name '*.md' ! -name README.md | sort)
if [ -n "$pending" ]; then
  echo "== pending changesets (npm run release:version turns them into the version and CHANGELOG.md)"
  echo "$pending"
else
  echo "== no pending changeset: the version stays $(node -p "require('./package.json').version")"
fi
