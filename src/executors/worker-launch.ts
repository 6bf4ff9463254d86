/**
 * How a worker is started: which entry file, with which flags, and which module hooks it may
 * need later.
 *
 * From compiled JavaScript this is simple: `worker-entry.js`. From the TypeScript sources (the
 * parent runs under tsx), loading tsx in every worker costs ~200 ms per worker, so the worker
 * side is bundled once per process into one plain `.mjs` file (with the esbuild that tsx
 * brings) and workers start from it as fast as from compiled output. tsx's hooks are then
 * registered in a worker only when a job needs a TypeScript module (a `workerModule()` of a
 * `.ts` file); see worker-hooks.ts. Without esbuild, threads register tsx first and processes
 * inherit `--import tsx`.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where and how workers start. */
export interface WorkerLaunch {
  /** The entry file. */
  readonly entry: URL;
  /** True when the entry is TypeScript, so module hooks must be registered before loading it. */
  readonly needsHooks: boolean;
  /** URLs of modules exporting `register()` that install the parent's TypeScript loader (tsx). */
  readonly hooks: readonly string[];
  /** `execArgv` for a child process. */
  readonly childExecArgv: readonly string[];
}

/** Flags of the parent that a child must not get: debugger ports, the test runner, watch mode. */
const DROP = /^--(inspect|debug|test|watch|experimental-test)/;

let cached: WorkerLaunch | null = null;

/** The launch plan (computed once per process). */
export function workerLaunch(): WorkerLaunch {
  if (cached !== null) return cached;
  const here = import.meta.url;
  const ext = /\.[cm]?[jt]s$/.exec(here)?.[0] ?? '.js';
  const source = new URL(`./worker-entry${ext}`, here);
  const hooks = loaderHooks();
  const inherited = process.execArgv.filter((a) => !DROP.test(a));
  if (!ext.endsWith('ts')) {
    return (cached = { entry: source, needsHooks: false, hooks, childExecArgv: inherited });
  }
  // TSAIO_WORKER_BUNDLE=0 turns the bundle off (workers then load tsx and the sources).
  const bundled = process.env['TSAIO_WORKER_BUNDLE'] === '0' ? null : bundle(fileURLToPath(source));
  if (bundled === null) {
    return (cached = { entry: source, needsHooks: true, hooks, childExecArgv: inherited });
  }
  return (cached = { entry: pathToFileURL(bundled), needsHooks: false, hooks, childExecArgv: withoutTsx(inherited) });
}

/** The `--import` module specifiers in `execArgv`. */
function importFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (a === '--import' && i + 1 < execArgv.length) out.push(execArgv[++i]!);
    else if (a.startsWith('--import=')) out.push(a.slice('--import='.length));
  }
  return out;
}

const TSX_SPEC = /^(tsx|tsx\/esm)$|\/tsx\/dist\/(loader|esm\/index)\.mjs$|\/tsx\/dist\/preflight\.cjs$/;

/** URLs of tsx's `register()` API when the parent runs under tsx. */
function loaderHooks(): string[] {
  for (const spec of importFlags(process.execArgv)) {
    if (spec === 'tsx' || spec === 'tsx/esm') {
      try {
        return [import.meta.resolve('tsx/esm/api')];
      } catch {
        return [];
      }
    }
    const m = /^(.*\/tsx\/dist\/)(loader|esm\/index)\.mjs$/.exec(spec);
    if (m !== null) {
      const base = m[1]!.startsWith('file:') ? m[1]! : pathToFileURL(m[1]!).href;
      return [new URL('esm/api/index.mjs', base).href];
    }
  }
  return [];
}

/** `execArgv` without the flags that load tsx (workers register it lazily instead). */
function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '--import' || a === '--require' || a === '-r') && i + 1 < argv.length && TSX_SPEC.test(argv[i + 1]!)) {
      i++;
      continue;
    }
    if (/^--(import|require)=/.test(a) && TSX_SPEC.test(a.slice(a.indexOf('=') + 1))) continue;
    out.push(a);
  }
  return out;
}

/** The part of esbuild's API used here (esbuild comes with tsx; it is not a dependency of tsaio). */
interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}

/**
 * A key that changes whenever a source file the worker bundle may contain changes: the names,
 * sizes and modification times of the TypeScript files of this folder and the two it imports
 * from. Checking it costs a few `stat` calls; running esbuild costs ~50 ms.
 */
function sourcesKey(entryPath: string): string {
  const dir = dirname(entryPath);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
  files.push(join(dir, '..', 'errors.ts'), join(dir, '..', 'internal', 'validate.ts'));
  const hash = createHash('sha256');
  for (const f of files) {
    try {
      const st = statSync(f);
      hash.update(`${f}:${st.size}:${st.mtimeMs};`);
    } catch {
      hash.update(`${f}:missing;`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Bundles the worker entry into one `.mjs` file in the temp directory; null if esbuild is missing. */
function bundle(entryPath: string): string | null {
  try {
    const file = join(tmpdir(), `tsaio-worker-${sourcesKey(entryPath)}.mjs`);
    if (existsSync(file)) return file;
    const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
    const result = esbuild.buildSync({
      entryPoints: [entryPath],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, result.outputFiles[0]!.text);
    renameSync(tmp, file); // atomic: parallel test processes may race here
    return file;
  } catch {
    return null;
  }
}
