import { describe, expect, it } from 'vitest';
import { extractKubernetes } from '../../../src/scan/extractors/kubernetes.js';
import { bugCase } from './bug-case.js';
import { found } from './found.js';

const FILE = 'k8s/app.yaml';
const run = (text: string) => extractKubernetes(text, FILE);
const lineAndRaw = (text: string) =>
  found(text, FILE, run(text)).map((f) => [f.line, f.column, f.raw]);

describe('extractKubernetes', () => {
  it('case-04: a registry port stays in the name', async () => {
    const c = await bugCase('case-04');
    const result = extractKubernetes(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    expect(found(c.input, c.file_name, result)).toEqual([
      {
        line: 10,
        column: 18,
        kind: 'kubernetes',
        raw: 'registry.example.com:443/team/app',
        image: 'registry.example.com:443/team/app',
        normalized: 'registry.example.com:443/team/app',
        name: 'registry.example.com:443/team/app',
      },
      {
        line: 12,
        column: 18,
        kind: 'kubernetes',
        raw: 'localhost:5000/tools/proxy:1.2',
        image: 'localhost:5000/tools/proxy:1.2',
        normalized: 'localhost:5000/tools/proxy:1.2',
        name: 'localhost:5000/tools/proxy',
      },
    ]);
    expect(result.occurrences.map((o) => [o.ref.registry, o.ref.repository, o.ref.tag])).toEqual([
      ['registry.example.com:443', 'team/app', undefined],
      ['localhost:5000', 'tools/proxy', '1.2'],
    ]);
  });

  it('case-09: a Pod spec with an already mirrored image', async () => {
    const c = await bugCase('case-09');
    const result = extractKubernetes(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    expect(found(c.input, c.file_name, result).map((f) => [f.line, f.name, f.normalized])).toEqual([
      [8, 'mirror.example.com/library/web', 'mirror.example.com/library/web:1.25'],
      [10, 'proxy', 'docker.io/library/proxy:1.9'],
    ]);
  });

  it('case-11: folded and literal block scalars give the content line', async () => {
    const c = await bugCase('case-11');
    const result = extractKubernetes(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    expect(found(c.input, c.file_name, result)).toEqual([
      {
        line: 9,
        column: 9,
        kind: 'kubernetes',
        raw: 'acme/agent:1.44.0',
        image: 'acme/agent:1.44.0',
        normalized: 'docker.io/acme/agent:1.44.0',
        name: 'acme/agent',
      },
      {
        line: 13,
        column: 9,
        kind: 'kubernetes',
        raw: 'acme/main:2.0',
        image: 'acme/main:2.0',
        normalized: 'docker.io/acme/main:2.0',
        name: 'acme/main',
      },
    ]);
  });

  it('reads every document of a multi-document file, List items included', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - name: init',
      '          image: busybox:1.36',
      '      containers:',
      '        - {name: web, image: "nginx:1.27"}',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    spec:',
      '      containers:',
      '        - name: a',
      '          image: quay.io/acme/a:1',
      '      ephemeralContainers:',
      '        - name: debug',
      "          image: 'alpine:3.20'",
      '  - apiVersion: apps/v1',
      '    kind: ReplicaSet',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: b',
      '              image: acme/b:2',
      '',
    ].join('\n');
    expect(run(text).problems).toEqual([]);
    expect(lineAndRaw(text)).toEqual([
      [12, 18, 'busybox:1.36'],
      [14, 31, 'nginx:1.27'],
      [24, 18, 'quay.io/acme/a:1'],
      [27, 19, 'alpine:3.20'],
      [35, 22, 'acme/b:2'],
    ]);
  });

  it('reads a CronJob pod template', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: job',
      '              image: registry.k8s.io/kubectl:v1.31.0',
      '',
    ].join('\n');
    expect(found(text, FILE, run(text))).toEqual([
      {
        line: 14,
        column: 22,
        kind: 'kubernetes',
        raw: 'registry.k8s.io/kubectl:v1.31.0',
        image: 'registry.k8s.io/kubectl:v1.31.0',
        normalized: 'registry.k8s.io/kubectl:v1.31.0',
        name: 'registry.k8s.io/kubectl',
      },
    ]);
  });

  it('reads pod templates embedded in custom resources', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Rollout',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: argoproj/rollouts-demo:blue',
      '---',
      'apiVersion: example.com/v1',
      'kind: Runner',
      'spec:',
      '  workers:',
      '    podSpec:',
      '      containers:',
      '        - image: acme/worker:3',
      '  settings:',
      '    containers:',
      '      - image: not/a-pod-spec:1',
      '',
    ].join('\n');
    expect(lineAndRaw(text)).toEqual([
      [8, 18, 'argoproj/rollouts-demo:blue'],
      [16, 18, 'acme/worker:3'],
    ]);
  });

  it('ignores documents without apiVersion and kind', () => {
    const text = [
      'spec:',
      '  containers:',
      '    - image: acme/a:1',
      '---',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - image: acme/b:1',
      '',
    ].join('\n');
    expect(run(text)).toEqual({ occurrences: [], problems: [] });
  });

  it('reports an anchored image shared by two containers once', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  initContainers:',
      '    - &c {name: a, image: acme/shared:1}',
      '  containers:',
      '    - *c',
      '    - name: b',
      '      image: acme/other:1',
      '',
    ].join('\n');
    expect(lineAndRaw(text)).toEqual([
      [5, 27, 'acme/shared:1'],
      [9, 14, 'acme/other:1'],
    ]);
  });

  it('reports a placeholder that is not a reference as a problem', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - name: x',
      '      image: <YOUR-IMAGE>',
      '    - name: empty',
      '      image: ""',
      '',
    ].join('\n');
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [
        {
          file: FILE,
          line: 6,
          column: 14,
          message: 'invalid image reference "<YOUR-IMAGE>": repository name must be lowercase',
        },
      ],
    });
  });

  it('gives one problem and no occurrences for a YAML syntax error', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - image: acme/a:1',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'spec: {containers: [',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    expect(result.problems.map((p) => [p.file, p.line])).toEqual([[FILE, 10]]);
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text =
      '\uFEFFapiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n' +
      '  - name: a\r\n    image: >-\r\n      acme/a:1\r\n';
    expect(lineAndRaw(text)).toEqual([[7, 7, 'acme/a:1']]);
  });
});
