import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReference, withTagDigest } from '../src/reference/parse.js';
import { mirrorName, mirroredString, parseMirror } from '../src/rewrite/mirror.js';
import { runCli } from '../src/cli/main.js';
import { ROOT } from './support/corpus.js';

const run = promisify(execFile);
const ECR = '123456789012.dkr.ecr.eu-west-1.';

describe('README', () => {
  it('lists exactly the inputs and outputs of action.yml', async () => {
    await expect(
      run(process.execPath, ['scripts/readme-tables.mjs', '--check'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  });

  it('shows the Quick start output exactly as the CLI prints it', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const from = readme.indexOf('It prints a unified diff of every file, then:\n\n```\n');
    const block = readme.slice(
      readme.indexOf('```\n', from) + 4,
      readme.indexOf('\n```', from + 50),
    );
    let stdout = '';
    const args = ['rewrite', 'examples', '--mirror', 'mirror.gcr.io', '--dry-run'];
    const io = {
      stdout: (t: string) => (stdout += t),
      stderr: () => undefined,
      cwd: ROOT,
      env: {},
    };
    expect(await runCli(args, io)).toBe(0);
    expect(stdout.slice(stdout.indexOf('FILE  ')).trimEnd()).toBe(block.trimEnd());
  });

  it('shows what each mirror preset really produces', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Mirror presets'));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| `') && l.includes('becomes') === false)
      .slice(0, 8);
    expect(rows).toHaveLength(8);
    const cellCode = (cell: string): string => /`([^`]+)`/.exec(cell)?.[1] ?? cell.trim();
    for (const row of rows) {
      const [spec = '', official = '', other = ''] = row.split('|').slice(1, 4).map(cellCode);
      const mirror = parseMirror(spec.replace('…', ECR));
      const expectations: Array<[string, string]> = [
        ['node:20', official],
        ['acme/app:1', other],
      ];
      for (const [input, shown] of expectations) {
        const ref = parseReference(input);
        const mapped = mirrorName(ref, mirror);
        const actual =
          'name' in mapped ? withTagDigest(mirroredString(mapped.name), ref.tag) : 'skipped';
        const expected = shown.startsWith('skipped') ? 'skipped' : shown;
        expect(actual.replace(ECR, '…'), `${spec} ${input}`).toBe(expected.replace(ECR, '…'));
      }
    }
  });
});
