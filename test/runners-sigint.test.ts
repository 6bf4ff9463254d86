import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

function start(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/runners/sigint-main.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of waiters) if (out.includes(w.text)) w.resolve();
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve) => {
      if (out.includes(text)) resolve();
      else waiters.push({ text, resolve });
    });
  return { child, waitFor, output: () => out };
}

test('the first Ctrl-C cancels the main task: its finally runs and run() rejects with CancelledError', async () => {
  const { child, waitFor, output } = start();
  await waitFor('ready');
  child.kill('SIGINT');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
  assert.deepEqual(output().trim().split('\n'), ['ready', 'main finally ran', 'run rejected: CancelledError KeyboardInterrupt']);
});

test('a second Ctrl-C ends the process', async () => {
  const { child, waitFor, output } = start('stubborn');
  await waitFor('ready');
  child.kill('SIGINT');
  await waitFor('ignoring the first Ctrl-C');
  child.kill('SIGINT');
  const [code, signal] = await once(child, 'exit');
  assert.equal(signal, 'SIGINT', `exit code ${code}`);
  assert.doesNotMatch(output(), /main finally ran/);
});
