import { describe, expect, it } from 'vitest';
import { bugCase, expectStable, refs, rewrites, runCase, runOnFile } from './harness.js';

describe('case-10: an image under an anchored extension field, merged with <<: *alias', () => {
  it('is found once, at the anchor, and edited once', async () => {
    const c = await bugCase('case-10');
    const run = await runCase(c);
    expect(refs(run.first)).toEqual([[2, 'compose', 'base-os:11']]);
    expect(run.first.scan.occurrences[0]?.derivation).toBe('literal');
    expect(run.first.edits.map((e) => [e.line, e.from, e.to])).toEqual([
      [2, 'base-os', 'mirror.example.com/library/base-os'],
    ]);
    expect(run.after).toBe(
      [
        'x-shared: &shared',
        '  image: mirror.example.com/library/base-os:11',
        'services:',
        '  service-a:',
        '    <<: *shared',
        '    environment:',
        '      SERVICE: a',
        '  service-b:',
        '    <<: *shared',
        '    environment:',
        '      SERVICE: b',
        '',
      ].join('\n'),
    );
    expectStable(run);
  });

  it('handles an override next to the merge, a scalar anchor and its aliases', async () => {
    const run = await runOnFile(
      'docker-compose.yml',
      'x-shared: &shared\n  image: base-os:11\nx-img: &img acme/one:1\nservices:\n' +
        '  a:\n    <<: *shared\n  b:\n    <<: *shared\n    image: acme/b:2\n' +
        '  c:\n    image: *img\n  d:\n    image: *img\n',
    );
    expect(refs(run.first)).toEqual([
      [2, 'compose', 'base-os:11'],
      [3, 'compose', 'acme/one:1'],
      [9, 'compose', 'acme/b:2'],
    ]);
    expect(run.after).toBe(
      'x-shared: &shared\n  image: mirror.example.com/library/base-os:11\n' +
        'x-img: &img mirror.example.com/acme/one:1\nservices:\n' +
        '  a:\n    <<: *shared\n  b:\n    <<: *shared\n    image: mirror.example.com/acme/b:2\n' +
        '  c:\n    image: *img\n  d:\n    image: *img\n',
    );
    expectStable(run);
  });

  it('handles a merge of a list of aliases', async () => {
    const run = await runOnFile(
      'compose.yaml',
      'x-a: &a\n  image: redis:7\nx-b: &b\n  restart: always\n' +
        'services:\n  one:\n    <<: [*a, *b]\n',
    );
    expect(refs(run.first)).toEqual([[2, 'compose', 'redis:7']]);
    expect(run.after).toBe(
      'x-a: &a\n  image: mirror.example.com/library/redis:7\nx-b: &b\n  restart: always\n' +
        'services:\n  one:\n    <<: [*a, *b]\n',
    );
    expectStable(run);
  });
});

describe('case-11: an image written as a block scalar', () => {
  it('is found on the content line and rewritten there, indicators kept', async () => {
    const c = await bugCase('case-11');
    const run = await runCase(c);
    expect(refs(run.first)).toEqual([
      [9, 'kubernetes', 'acme/agent:1.44.0'],
      [13, 'kubernetes', 'acme/main:2.0'],
    ]);
    expect(run.after).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: agent',
        'spec:',
        '  initContainers:',
        '    - name: agent',
        '      image: >-',
        '        mirror.example.com/acme/agent:1.44.0',
        '  containers:',
        '    - name: main',
        '      image: |-',
        '        mirror.example.com/acme/main:2.0',
        '',
      ].join('\n'),
    );
    expectStable(run);
  });

  it('accepts every YAML shape of the value, with CRLF and a BOM', async () => {
    const lines = [
      '\ufeffapiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - image: >',
      '        acme/folded:1',
      '    - image: |+',
      '        acme/kept:2',
      '',
      '    - image:',
      '        acme/plain-next-line:3',
      "    - image: 'acme/single:4'  # comment",
      '    - "image": "acme/double:5"',
      '    - {name: f, image: acme/flow:6}',
      '    - ? image',
      '      : acme/explicit:7',
      '  initContainers: [{image: acme/init:8}]',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '          - image: acme/cron:9',
    ];
    const run = await runOnFile('pod.yaml', lines.join('\r\n'));
    expect(refs(run.first)).toEqual([
      [6, 'kubernetes', 'acme/folded:1'],
      [8, 'kubernetes', 'acme/kept:2'],
      [11, 'kubernetes', 'acme/plain-next-line:3'],
      [12, 'kubernetes', 'acme/single:4'],
      [13, 'kubernetes', 'acme/double:5'],
      [14, 'kubernetes', 'acme/flow:6'],
      [16, 'kubernetes', 'acme/explicit:7'],
      [17, 'kubernetes', 'acme/init:8'],
      [27, 'kubernetes', 'acme/cron:9'],
    ]);
    expect(run.after).toBe(lines.join('\r\n').replaceAll('acme/', 'mirror.example.com/acme/'));
    expect(rewrites(run.first).length).toBe(9);
    expectStable(run);
  });

  it('reports a value it cannot edit in place as a problem, never guessing', async () => {
    const text =
      'services:\n  a:\n    image: "acme/\\\n      split:1"\n  b:\n    image: acme/ok:1\n';
    const run = await runOnFile('compose.yaml', text);
    expect(run.first.problems.map((p) => [p.line, p.message])).toEqual([
      [
        3,
        'image value "acme/split:1" is written with escapes or line breaks inside its ' +
          'quotes; it cannot be edited in place',
      ],
    ]);
    expect(run.after).toBe(text.replace('acme/ok:1', 'mirror.example.com/acme/ok:1'));
  });
});
