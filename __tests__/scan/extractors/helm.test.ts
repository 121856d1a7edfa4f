import { describe, expect, it } from 'vitest';
import { extractHelm } from '../../../src/scan/extractors/helm.js';
import type { ExtractResult } from '../../../src/scan/types.js';
import { bugCase } from './bug-case.js';
import { at, found } from './found.js';

const FILE = 'chart/values.yaml';
const run = (text: string) => extractHelm(text, FILE);
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** The field texts of each `fields` occurrence. */
const fieldTexts = (text: string, result: ExtractResult) =>
  result.occurrences.map((o) => ({
    registry: at(text, o.fields?.registry),
    repository: at(text, o.fields?.repository),
    tag: at(text, o.fields?.tag),
    digest: at(text, o.fields?.digest),
  }));

describe('extractHelm', () => {
  it('case-12: registry, repository and digest without a tag', async () => {
    const c = await bugCase('case-12');
    const result = extractHelm(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    expect(found(c.input, c.file_name, result)).toEqual([
      {
        line: 3,
        column: 15,
        kind: 'helm',
        raw: 'toolbox',
        image: `docker.io/toolbox@${DIGEST}`,
        normalized: `docker.io/library/toolbox@${DIGEST}`,
      },
    ]);
    const [o] = result.occurrences;
    expect(o?.derivation).toBe('fields');
    expect(o?.nameSpan).toBeUndefined();
    expect(o?.ref.pinned).toBe(true);
    expect(fieldTexts(c.input, result)).toEqual([
      { registry: 'docker.io', repository: 'toolbox', tag: undefined, digest: DIGEST },
    ]);
  });

  it('uses the written text of a numeric tag', () => {
    const text = 'image:\n  repository: acme/app\n  tag: 1.20\n  pullPolicy: IfNotPresent\n';
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 2,
        column: 15,
        kind: 'helm',
        raw: 'acme/app',
        image: 'acme/app:1.20',
        normalized: 'docker.io/acme/app:1.20',
      },
    ]);
    expect(fieldTexts(text, result)).toEqual([
      { registry: undefined, repository: 'acme/app', tag: '1.20', digest: undefined },
    ]);
  });

  it('reads quoted fields, …Image keys and maps one level below an image key', () => {
    const text = [
      'server:',
      '  image:',
      '    registry: "quay.io"',
      "    repository: 'prometheus/prometheus'",
      '    tag: "v3.1.0"',
      '    sha: ""',
      'thanosImage:',
      '  registry: quay.io',
      '  repository: thanos/thanos',
      '  tag: v0.42.4',
      'crds:',
      '  image:',
      '    busybox:',
      '      registry: docker.io',
      '      repository: busybox',
      '      tag: "latest"',
      '    kubectl:',
      '      registry: registry.k8s.io',
      '      repository: kubectl',
      '      tag: ""',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result).map((f) => [f.line, f.column, f.raw, f.image])).toEqual([
      [4, 18, 'prometheus/prometheus', 'quay.io/prometheus/prometheus:v3.1.0'],
      [9, 15, 'thanos/thanos', 'quay.io/thanos/thanos:v0.42.4'],
      [15, 19, 'busybox', 'docker.io/busybox:latest'],
      [19, 19, 'kubectl', 'registry.k8s.io/kubectl'],
    ]);
    expect(fieldTexts(text, result)[0]).toEqual({
      registry: 'quay.io',
      repository: 'prometheus/prometheus',
      tag: 'v3.1.0',
      digest: undefined,
    });
  });

  it('reads a sha field as the digest, adding sha256: when it has no algorithm', () => {
    const hex = '0123456789abcdef'.repeat(4);
    const text = `image:\n  repository: quay.io/acme/app\n  tag: v1\n  sha: ${hex}\n`;
    const result = run(text);
    expect(result.occurrences.map((o) => o.image)).toEqual([`quay.io/acme/app:v1@sha256:${hex}`]);
    expect(fieldTexts(text, result)[0]?.digest).toBe(hex);
  });

  it('reads string image values that look like references', () => {
    const text = [
      'image: acme/app:1.0',
      'sidecar:',
      '  image: "quay.io/brancz/kube-rbac-proxy:v0.22.1"',
      '  initImage: busybox',
      '  defaultImage: alpine:3.20',
      '  useImage: true',
      '  image2: not-an-image-key:1',
      'extraContainers:',
      '  - name: x',
      '    image: >-',
      '      ghcr.io/acme/x:2',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 1,
        column: 8,
        kind: 'helm',
        raw: 'acme/app:1.0',
        image: 'acme/app:1.0',
        normalized: 'docker.io/acme/app:1.0',
        name: 'acme/app',
      },
      {
        line: 3,
        column: 11,
        kind: 'helm',
        raw: 'quay.io/brancz/kube-rbac-proxy:v0.22.1',
        image: 'quay.io/brancz/kube-rbac-proxy:v0.22.1',
        normalized: 'quay.io/brancz/kube-rbac-proxy:v0.22.1',
        name: 'quay.io/brancz/kube-rbac-proxy',
      },
      {
        line: 5,
        column: 17,
        kind: 'helm',
        raw: 'alpine:3.20',
        image: 'alpine:3.20',
        normalized: 'docker.io/library/alpine:3.20',
        name: 'alpine',
      },
      {
        line: 11,
        column: 7,
        kind: 'helm',
        raw: 'ghcr.io/acme/x:2',
        image: 'ghcr.io/acme/x:2',
        normalized: 'ghcr.io/acme/x:2',
        name: 'ghcr.io/acme/x',
      },
    ]);
    expect(result.occurrences.map((o) => o.derivation)).toEqual([
      'literal',
      'literal',
      'literal',
      'literal',
    ]);
  });

  it('passes over templated values and empty repositories without a problem', () => {
    const text = [
      'image:',
      '  repository: ""',
      '  tag: "1.0"',
      'other:',
      '  image:',
      '    repository: "{{ .Values.global.repo }}/app"',
      '    tag: v1',
      'third:',
      '  image:',
      '    repository: acme/app',
      '    tag: "{{ .Chart.AppVersion }}"',
      'fourth:',
      '  image: "{{ .Values.registry }}/acme/app:1"',
      'fifth:',
      '  image: {}',
      'sixth:',
      '  image:',
      '    repository: acme/app',
      '    tag: {{ .Chart.AppVersion }}',
      '',
    ].join('\n');
    expect(run(text)).toEqual({ occurrences: [], problems: [] });
  });

  it('reports a field written with escapes as a problem', () => {
    const text = 'image:\n  repository: "acme\\x2Fapp"\n  tag: v1\n';
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [
        {
          file: FILE,
          line: 2,
          column: 15,
          message:
            'image value "acme/app" is written with escapes or line breaks inside its quotes; ' +
            'it cannot be edited in place',
        },
      ],
    });
  });

  it('reports a map that does not assemble into a reference', () => {
    const text = 'image:\n  registry: docker.io\n  repository: Acme/App\n';
    expect(run(text).problems).toEqual([
      {
        file: FILE,
        line: 3,
        column: 15,
        message: 'invalid image reference "docker.io/Acme/App": repository name must be lowercase',
      },
    ]);
  });

  it('reports an anchored image map shared through an alias once', () => {
    const text = [
      'defaults:',
      '  image: &img',
      '    repository: acme/shared',
      '    tag: "1"',
      'a:',
      '  image: *img',
      'b:',
      '  image:',
      '    <<: *img',
      '    tag: "2"',
      '',
    ].join('\n');
    const result = run(text);
    // `a` is the anchored map itself: reported once. `b` merges the repository but sets its
    // own tag: the same repository span with another image, so it is kept.
    expect(found(text, FILE, result).map((f) => [f.line, f.image])).toEqual([
      [3, 'acme/shared:1'],
      [3, 'acme/shared:2'],
    ]);
    expect(fieldTexts(text, result).map((f) => f.tag)).toEqual(['1', '2']);
  });

  it('gives one problem for a values file that is not valid YAML', () => {
    const text = 'image:\n  repository: acme/app\n  tag: {{ .Chart.AppVersion }\n';
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    // The unclosed flow mapping is noticed at the end of the text.
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 4,
        column: 1,
        message:
          'YAML syntax error: Flow map in block collection must be sufficiently indented ' +
          'and end with a }',
      },
    ]);
  });
});
