/** Runs one scenario program in a fresh process and reads the JSON line it prints. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, python, rootDir } from './paths.js';
import type { Program } from './scenario.js';

/** What a program printed: `{"ms": ...}` or `{"bytesPerTask": ...}`, plus any extra numbers. */
export type Output = Record<string, number>;

/**
 * Runs `program` with `size` in a new process and returns the JSON object on its last line.
 * Throws an Error whose message says why when the program fails, times out or prints no JSON.
 */
export function runChild(program: Program, size: number, timeoutSeconds: number): Output {
  const file = join(benchDir, program.file);
  const args = [String(size), ...(program.args ?? [])];
  const [command, commandArgs] =
    program.runtime === 'python'
      ? [python, [file, ...args]]
      : [process.execPath, ['--import', 'tsx', ...(program.nodeFlags ?? []), file, ...args]];
  const child = spawnSync(command, commandArgs, { cwd: rootDir, encoding: 'utf8', timeout: timeoutSeconds * 1000 });
  if (child.signal === 'SIGTERM') throw new Error(`${program.file} timed out after ${timeoutSeconds} s`);
  if (child.error) throw new Error(`${program.file}: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`${program.file} exited with ${child.status}: ${errorSummary(child.stderr)}`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as Output;
  } catch {
    throw new Error(`${program.file} printed no JSON line (last line: ${JSON.stringify(last)})`);
  }
}

/** The line of a Node or Python error report that names the error, else its last line. */
export function errorSummary(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^[\w.]*(Error|Exception)\b/.test(line)) ?? lines.at(-1) ?? '';
}
