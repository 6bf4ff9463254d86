/**
 * `npm run example -- <name>` runs one example (`cancel-after-5s` or `ch02/cancel-after-5s`);
 * `npm run example -- --list` lists them all with their titles.
 */
import { findExample, listExamples, runExample } from './catalog.js';

const arg = process.argv[2];

if (arg === undefined || arg === '--list' || arg === '-l') {
  let chapter = '';
  for (const e of listExamples()) {
    const ch = e.name.split('/')[0]!;
    if (ch !== chapter) {
      chapter = ch;
      console.log(`\n${ch}`);
    }
    console.log(`  ${e.name.padEnd(40)} ${e.title.replace(/^Chapter \d+ — /, '')}`);
  }
  if (arg === undefined) console.log('\nusage: npm run example -- <name>   (e.g. npm run example -- cancel-after-5s)');
} else {
  const info = findExample(arg);
  if (info === undefined) {
    console.error(`no example named ${JSON.stringify(arg)}; see npm run example -- --list`);
    process.exitCode = 1;
  } else {
    console.log(`▶ ${info.name}: ${info.title}\n`);
    await runExample(info);
  }
}
