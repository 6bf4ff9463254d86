/**
 * Worker side of module hooks: registers the parent's TypeScript loader (tsx) in this worker
 * the first time a job needs a module that plain Node cannot load (a `.ts` file, or a `.js`
 * URL that exists only as `.ts`). Workers that run only shipped functions never pay for it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

/** The environment variable that carries the hook URLs to a child process. */
export const HOOKS_ENV = 'TSAIO_LOADER_HOOKS';

let registered: Promise<void> | null = null;

function hookUrls(): string[] {
  const fromThread = (workerData as { tsaioHooks?: string[] } | null)?.tsaioHooks;
  if (Array.isArray(fromThread)) return fromThread;
  const fromEnv = process.env[HOOKS_ENV];
  if (fromEnv === undefined || fromEnv === '') return [];
  try {
    const parsed: unknown = JSON.parse(fromEnv);
    return Array.isArray(parsed) ? (parsed as string[]) : [];
  } catch {
    return [];
  }
}

/** True when plain Node cannot load `url` but a TypeScript loader might. */
function needsLoader(url: string): boolean {
  if (/\.[cm]?tsx?$/.test(url)) return true;
  if (!url.startsWith('file:')) return false;
  try {
    return !existsSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

/** Registers the parent's loader hooks (once) if `url` needs them and there are any. */
export function prepareImport(url: string): Promise<void> | null {
  if (registered !== null) return registered;
  if (!needsLoader(url)) return null;
  const urls = hookUrls();
  if (urls.length === 0) return null;
  registered = (async () => {
    for (const u of urls) ((await import(u)) as { register(): unknown }).register();
  })();
  return registered;
}
