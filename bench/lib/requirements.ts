/**
 * Whether a program can run here. A missing requirement is reported as the reason its cell reads
 * "not run", so that a row is never silently dropped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorSummary } from './child.js';
import { benchDir, python, rootDir } from './paths.js';
import type { Program, Requirement } from './scenario.js';

/** Why `program` cannot run here, or undefined when it can. */
export function missingRequirement(program: Program): string | undefined {
  if (program.runtime === 'python') {
    if (!existsSync(python)) return `${python} not found`;
  } else {
    const reason = missingTsaioExports(join(benchDir, program.file));
    if (reason) return reason;
  }
  for (const requirement of program.requires ?? []) {
    const reason = check(requirement);
    if (reason) return reason;
  }
  return undefined;
}

function check(requirement: Requirement): string | undefined {
  if ('npm' in requirement) {
    const found = existsSync(join(rootDir, 'node_modules', requirement.npm, 'package.json'));
    return found ? undefined : `npm package ${requirement.npm} is not installed`;
  }
  return pythonHas(requirement.python) ? undefined : `${python} cannot import ${requirement.python}`;
}

const pythonModules = new Map<string, boolean>();

function pythonHas(module: string): boolean {
  let found = pythonModules.get(module);
  if (found === undefined) {
    found = spawnSync(python, ['-c', `import ${module}`]).status === 0;
    pythonModules.set(module, found);
  }
  return found;
}

/** Which of the names `file` imports from src/index.js that src/index.ts does not export yet. */
function missingTsaioExports(file: string): string | undefined {
  const imported = /import\s*{([^}]*)}\s*from\s*'[./]*src\/index\.js'/.exec(readFileSync(file, 'utf8'));
  if (!imported) return undefined;
  const names = imported[1]
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !name.startsWith('type '));
  const exported = tsaioExports();
  if (typeof exported === 'string') return exported;
  const missing = names.filter((name) => !exported.has(name));
  return missing.length ? `src/index.ts does not export ${missing.join(', ')} yet` : undefined;
}

let exportsOrError: Set<string> | string | undefined;

/** The names src/index.ts exports, read in a child process so the harness never loads tsaio; or why it failed to load. */
function tsaioExports(): Set<string> | string {
  if (exportsOrError !== undefined) return exportsOrError;
  if (!existsSync(join(rootDir, 'src/index.ts'))) return (exportsOrError = 'src/index.ts does not exist yet');
  const listExports = "import('./src/index.ts').then((m) => console.log(JSON.stringify(Object.keys(m))))";
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', listExports], { cwd: rootDir, encoding: 'utf8' });
  exportsOrError =
    child.status === 0
      ? new Set<string>(JSON.parse(child.stdout) as string[])
      : `src/index.ts failed to load: ${errorSummary(child.stderr)}`;
  return exportsOrError;
}
