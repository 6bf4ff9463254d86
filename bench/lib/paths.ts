/** Where the harness finds things. */
import { fileURLToPath } from 'node:url';

/** The project root: children run with it as their working directory, so `--import tsx` resolves. */
export const rootDir = fileURLToPath(new URL('../../', import.meta.url));

/** bench/, which scenario program paths are relative to. */
export const benchDir = fileURLToPath(new URL('../', import.meta.url));

/** The system python3, which has Debian's python3-uvloop and python3-aiohttp (a pyenv one on PATH does not). */
export const python = '/usr/bin/python3';
