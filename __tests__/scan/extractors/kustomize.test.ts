import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractKustomize } from '../../../src/scan/extractors/kustomize.js';
import { CORPUS } from '../../support/corpus.js';
import { at, found } from './found.js';

const FILE = 'overlays/prod/kustomization.yaml';
const run = (text: string) => extractKustomize(text, FILE);
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('extractKustomize', () => {
  it('reports name and newName, with newTag and digest in the produced image', () => {
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources: [deployment.yaml]',
      'images:',
      '  - name: nginx',
      '    newName: mirror.gcr.io/library/nginx',
      '    newTag: "1.27"',
      '  - name: acme/app',
      '    newTag: 2.0.1',
      '  - name: redis',
      '    digest: ' + DIGEST,
      '  - name: postgres',
      '    newName: ghcr.io/acme/postgres',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 5,
        column: 11,
        kind: 'kustomize',
        raw: 'nginx',
        image: 'nginx',
        normalized: 'docker.io/library/nginx',
        name: 'nginx',
      },
      {
        line: 6,
        column: 14,
        kind: 'kustomize',
        raw: 'mirror.gcr.io/library/nginx',
        image: 'mirror.gcr.io/library/nginx:1.27',
        normalized: 'mirror.gcr.io/library/nginx:1.27',
        name: 'mirror.gcr.io/library/nginx',
      },
      {
        line: 8,
        column: 11,
        kind: 'kustomize',
        raw: 'acme/app',
        image: 'acme/app:2.0.1',
        normalized: 'docker.io/acme/app:2.0.1',
        name: 'acme/app',
      },
      {
        line: 10,
        column: 11,
        kind: 'kustomize',
        raw: 'redis',
        image: `redis@${DIGEST}`,
        normalized: `docker.io/library/redis@${DIGEST}`,
        name: 'redis',
      },
      {
        line: 12,
        column: 11,
        kind: 'kustomize',
        raw: 'postgres',
        image: 'postgres',
        normalized: 'docker.io/library/postgres',
        name: 'postgres',
      },
      {
        line: 13,
        column: 14,
        kind: 'kustomize',
        raw: 'ghcr.io/acme/postgres',
        image: 'ghcr.io/acme/postgres',
        normalized: 'ghcr.io/acme/postgres',
        name: 'ghcr.io/acme/postgres',
      },
    ]);
    expect(result.occurrences.map((o) => o.derivation)).toEqual([
      'literal',
      'fields',
      'fields',
      'fields',
      'literal',
      'literal',
    ]);
    const withTag = result.occurrences[1];
    expect(at(text, withTag?.fields?.tag)).toBe('1.27');
    expect(at(text, result.occurrences[3]?.fields?.digest)).toBe(DIGEST);
  });

  it('reports placeholder registries of the real microservices-demo component', async () => {
    const rel =
      'GoogleCloudPlatform+microservices-demo/kustomize/components/' +
      'container-images-registry/kustomization.yaml';
    const text = await readFile(path.join(CORPUS, 'real', rel), 'utf8');
    const result = extractKustomize(text, rel);
    expect(result.occurrences).toHaveLength(12);
    expect(result.occurrences[0]?.raw).toBe(
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/adservice',
    );
    expect(result.occurrences[11]?.raw).toBe('redis');
    expect(result.problems).toHaveLength(12);
    expect(result.problems[0]).toEqual({
      file: rel,
      line: 19,
      column: 12,
      message:
        'invalid image reference "CONTAINER_IMAGES_REGISTRY/adservice": ' +
        'repository name must be lowercase',
    });
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text = '\uFEFFimages:\r\n- name: nginx\r\n  newTag: "1.27"\r\n';
    const result = run(text);
    expect(found(text, FILE, result).map((f) => [f.line, f.column, f.raw, f.image])).toEqual([
      [2, 9, 'nginx', 'nginx:1.27'],
    ]);
  });

  it('gives one problem and no occurrences for a YAML syntax error', () => {
    const text = 'images:\n- name: nginx\n  newTag: "1.27\n';
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });
});
