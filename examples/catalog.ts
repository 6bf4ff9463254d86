/**
 * Finds the examples (examples/chNN/*.ts), reads their titles from the header comments, and
 * runs one the way it runs itself: `run(main, runOptions)`, or `main()` for the few that manage
 * their own loop (`export const ownsLoop = true`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from '../src/index.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** An example module: `main`, and optionally how to run it. */
export interface ExampleModule {
  main: (...args: any[]) => unknown;
  ownsLoop?: boolean;
  runOptions?: { debug?: boolean; slowCallbackDuration?: number };
}

export interface ExampleInfo {
  /** `ch02/cancel-after-5s` */
  name: string;
  file: string;
  /** The header's first line, e.g. "Chapter 2 — cancelling a task." */
  title: string;
  /** The rest of the header comment. */
  description: string;
}

/** Every example, by chapter then name. */
export function listExamples(): ExampleInfo[] {
  const out: ExampleInfo[] = [];
  const chapters = readdirSync(HERE).filter((d) => /^ch\d\d$/.test(d)).sort();
  for (const chapter of chapters) {
    const files = readdirSync(`${HERE}${chapter}`).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort();
    for (const f of files) {
      const file = `${HERE}${chapter}/${f}`;
      const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'));
      const lines = (header?.[1] ?? '')
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, '').trimEnd())
        .filter((l, i) => i > 0 || l !== '');
      while (lines.length > 0 && lines[0] === '') lines.shift();
      // The title runs until the first line that ends a sentence; the rest is what to observe.
      const end = lines.findIndex((l) => /[.:!?]$/.test(l) || l === '');
      const cut = end === -1 ? lines.length : end + 1;
      const title = lines.slice(0, cut).join(' ').replace(/\s+/g, ' ').trim();
      out.push({ name: `${chapter}/${f.slice(0, -3)}`, file, title, description: lines.slice(cut).join('\n').trim() });
    }
  }
  return out;
}

/** Finds an example by full name (`ch02/cancel-after-5s`) or unique short name (`cancel-after-5s`). */
export function findExample(name: string): ExampleInfo | undefined {
  const all = listExamples();
  const exact = all.find((e) => e.name === name);
  if (exact !== undefined) return exact;
  const matches = all.filter((e) => e.name.endsWith(`/${name}`));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Imports an example and runs it as it runs itself (`args` go to its `main`). */
export async function runExample(info: ExampleInfo, args: unknown[] = []): Promise<unknown> {
  const mod = (await import(pathToFileURL(info.file).href)) as ExampleModule;
  if (mod.ownsLoop === true) return await mod.main(...args);
  // Without arguments, pass `main` itself, so that the main task is named after it.
  const main = args.length === 0 ? (mod.main as () => unknown) : () => mod.main(...args);
  return await run(main, mod.runOptions ?? {});
}
