/** What the results were measured on; printed above the table and saved with it. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { python } from './paths.js';

/** The versions and hardware a run reports. */
export interface Environment {
  node: string;
  cpu: string;
  cores: number;
  python: string;
  uvloop: string;
}

/** Node version, CPU model and core count, and the versions of the system python3 and its uvloop. */
export function describeEnvironment(): Environment {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    python: pythonSays('import platform; print(platform.python_version())'),
    uvloop: pythonSays('import uvloop; print(uvloop.__version__)'),
  };
}

function pythonSays(code: string): string {
  const child = spawnSync(python, ['-c', code], { encoding: 'utf8' });
  return child.status === 0 ? child.stdout.trim() : 'not available';
}
