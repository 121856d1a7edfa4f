import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { planPins } from '../../src/rewrite/plan.js';
import {
  bugCase,
  D0,
  DF,
  expectStable,
  lineAt,
  parts,
  refs,
  rewrites,
  runCase,
  runOnFile,
} from './harness.js';

describe('case-12: a Helm image map with a digest and no tag', () => {
  it('is one pinned reference assembled from the block, rewritten field by field', async () => {
    const c = await bugCase('case-12');
    const run = await runCase(c);
    expect(refs(run.first)).toEqual([[3, 'helm', `docker.io/toolbox@${D0}`]]);
    const [o] = run.first.scan.occurrences;
    expect(o?.derivation).toBe('fields');
    expect(parts(o)).toEqual({
      registry: 'docker.io',
      repository: 'library/toolbox',
      tag: undefined,
      digest: D0,
      normalized: `docker.io/library/toolbox@${D0}`,
      isDockerHub: true,
      pinned: true,
    });
    const fields = o?.fields;
    const at = (span: { start: number } | undefined) => lineAt(c.input, span?.start ?? -1);
    expect([at(fields?.registry), at(fields?.repository), fields?.tag, at(fields?.digest)]).toEqual(
      [2, 3, undefined, 4],
    );
    expect(run.first.unpinned).toEqual([]);
    expect(run.first.edits.map((e) => [e.line, e.from, e.to])).toEqual([
      [2, 'docker.io', 'mirror.example.com'],
      [3, 'toolbox', 'library/toolbox'],
    ]);
    expect(run.after).toBe(
      'image:\n' +
        '  registry: mirror.example.com\n' +
        '  repository: library/toolbox\n' +
        `  digest: ${D0}\n`,
    );
    expect(run.after).not.toContain('tag:');
    expectStable(run);
    expect(
      planPins(
        run.first.scan.occurrences,
        new Map([[o?.ref.normalized ?? '', DF]]),
        new Map([['values.yaml', c.input]]),
      ),
    ).toEqual([]);
  });

  it('reads maps without registry, with a port, quoted, number-like or empty tags', async () => {
    const text = [
      'a:',
      '  image:',
      '    repository: acme/app',
      '    tag: 1.10',
      'b:',
      '  image:',
      '    registry: registry.example.com:5000',
      '    repository: team/app',
      '    tag: "2"',
      'c:',
      '  image:',
      '    registry: docker.io',
      '    repository: bitnami/redis',
      "    tag: '7.2.4'",
      'd:',
      '  image:',
      '    registry: docker.io',
      '    repository: library/toolbox',
      '    tag: ""',
      '',
    ].join('\n');
    const run = await runOnFile('values.yaml', text);
    expect(refs(run.first)).toEqual([
      [3, 'helm', 'acme/app:1.10'],
      [8, 'helm', 'registry.example.com:5000/team/app:2'],
      [13, 'helm', 'docker.io/bitnami/redis:7.2.4'],
      [18, 'helm', 'docker.io/library/toolbox'],
    ]);
    expect(rewrites(run.first)).toEqual([
      [3, 'acme/app:1.10', 'mirror.example.com/acme/app:1.10'],
      [13, 'docker.io/bitnami/redis:7.2.4', 'mirror.example.com/bitnami/redis:7.2.4'],
      [18, 'docker.io/library/toolbox', 'mirror.example.com/library/toolbox'],
    ]);
    expect(run.after).toBe(
      text
        .replace('repository: acme/app', 'repository: mirror.example.com/acme/app')
        .replaceAll('registry: docker.io', 'registry: mirror.example.com'),
    );
    expectStable(run);

    const pinned = applyEdits(
      text,
      planPins(
        run.first.scan.occurrences,
        new Map([
          ['docker.io/acme/app:1.10', D0],
          ['registry.example.com:5000/team/app:2', DF],
          ['docker.io/library/toolbox', D0],
        ]),
        new Map([['values.yaml', text]]),
      ),
    );
    // A tag field takes `tag@digest`; an empty tag and no digest field give nothing to edit.
    expect(pinned).toBe(
      text.replace('tag: 1.10', `tag: 1.10@${D0}`).replace('tag: "2"', `tag: "2@${DF}"`),
    );
  });
});
