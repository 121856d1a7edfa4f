// Scans every repository of ../shared/corpus/real and prints, per repository: files,
// images, rewrites (to a plain mirror, dry run), skipped, problems and scan throughput.
// Run: npm run bench:scan   (HUBCAP_CORPUS overrides the corpus folder)
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMainJob } from '../src/engine/main-job.js';
import { formatTable } from '../src/report/text-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env['HUBCAP_CORPUS'] ?? path.resolve(root, '../shared/corpus');
const real = path.join(corpus, 'real');
const ROUNDS = 5;

const repos = (await readdir(real, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const rows: string[][] = [];
let totalFiles = 0;
let totalMs = 0;
for (const name of repos) {
  const scan = { root: path.join(real, name), paths: [], files: [], excludeFiles: [] };
  const rewrite = { mirrors: ['mirror.example.com'], rules: [], exclude: [] };
  const result = await runMainJob({ scan, rewrite, write: false });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await runMainJob({ scan, write: false });
    times.push(performance.now() - start);
  }
  const best = Math.min(...times);
  const files = result.scan.files.length;
  totalFiles += files;
  totalMs += best;
  rows.push([
    name,
    String(files),
    String(result.scan.occurrences.length),
    String(result.rewritten.length),
    String(result.skipped.length),
    String(result.problems.length),
    best.toFixed(1),
    ((files / best) * 1000).toFixed(0),
  ]);
}
rows.push([
  'total',
  String(totalFiles),
  '',
  '',
  '',
  '',
  totalMs.toFixed(1),
  ((totalFiles / totalMs) * 1000).toFixed(0),
]);
const headers = [
  'REPOSITORY',
  'FILES',
  'IMAGES',
  'REWRITES',
  'SKIPPED',
  'PROBLEMS',
  'SCAN MS',
  'FILES/S',
];
console.log(formatTable(headers, rows));
console.log(`\nScan time is the best of ${ROUNDS} runs (discover + read + extract, no writes).`);
