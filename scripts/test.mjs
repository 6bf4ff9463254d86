#!/usr/bin/env node
// Runs the test suite: every test/**/*.test.ts file (or those under the paths given as
// arguments) with node:test through tsx. Node 20's --test takes no glob patterns, hence this.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === 'fixtures' ? [] : collect(join(path, name))));
}

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['test']).flatMap(collect);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'test'}`);
  process.exit(1);
}
const { status } = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--expose-gc', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
