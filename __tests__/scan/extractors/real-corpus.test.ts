import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS, DEFAULT_IGNORE, fileKindOf } from '../../../src/scan/detect.js';
import { extractCompose } from '../../../src/scan/extractors/compose.js';
import { extractHelm } from '../../../src/scan/extractors/helm.js';
import { extractKubernetes } from '../../../src/scan/extractors/kubernetes.js';
import { extractKustomize } from '../../../src/scan/extractors/kustomize.js';
import { extractWorkflow } from '../../../src/scan/extractors/workflow.js';
import type { Extractor, FileKind } from '../../../src/scan/types.js';
import { CORPUS } from '../../support/corpus.js';
import { found } from './found.js';

const REAL = path.join(CORPUS, 'real');
const YAML_EXTRACTORS: Partial<Record<FileKind, Extractor>> = {
  compose: extractCompose,
  helm: extractHelm,
  kubernetes: extractKubernetes,
  kustomize: extractKustomize,
  workflow: extractWorkflow,
};

/** Lines that start an `image:` entry (outside comments), counted without parsing. */
const imageLines = (text: string): number =>
  text.split('\n').filter((line) => /^\s*(- )?image:/.test(line)).length;

describe('YAML extractors on the real-world corpus', () => {
  it('read every YAML file of a known kind without throwing, spans spelling raw', async () => {
    const files = await fg(DEFAULT_FILE_GLOBS, { cwd: REAL, dot: true, ignore: DEFAULT_IGNORE });
    let read = 0;
    for (const file of files) {
      const kind = fileKindOf(file);
      const extract = kind && YAML_EXTRACTORS[kind];
      if (!extract) continue;
      const text = await readFile(path.join(REAL, file), 'utf8');
      const result = extract(text, file);
      found(text, file, result);
      for (const o of result.occurrences) expect(o.fileKind).toBe(kind);
      for (const p of result.problems) expect(p.file).toBe(file);
      read++;
    }
    expect(read).toBeGreaterThan(700);
  });

  it('find every image: line of the awesome-compose files', async () => {
    const files = await fg('docker+awesome-compose/**/compose.{yaml,yml}', { cwd: REAL });
    expect(files.length).toBe(39);
    for (const file of files) {
      const text = await readFile(path.join(REAL, file), 'utf8');
      const result = extractCompose(text, file);
      expect([file, result.problems]).toEqual([file, []]);
      expect([file, result.occurrences.length]).toEqual([file, imageLines(text)]);
    }
  });

  it('find every container image of the microservices-demo manifests', async () => {
    const dir = 'GoogleCloudPlatform+microservices-demo/kubernetes-manifests';
    const files = await fg(`${dir}/*.yaml`, { cwd: REAL });
    const images: string[] = [];
    for (const file of files.sort()) {
      const text = await readFile(path.join(REAL, file), 'utf8');
      const result = extractKubernetes(text, file);
      expect([file, result.problems]).toEqual([file, []]);
      expect([file, result.occurrences.length]).toEqual([file, imageLines(text)]);
      images.push(...result.occurrences.map((o) => `${o.line} ${o.image}`));
    }
    expect(images).toEqual([
      '46 adservice',
      '46 cartservice',
      '118 redis:alpine',
      '45 checkoutservice',
      '46 currencyservice',
      '46 emailservice',
      '47 frontend',
      '67 busybox:1.38.0@sha256:' +
        'fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d',
      '80 loadgenerator',
      '46 paymentservice',
      '46 productcatalogservice',
      '46 recommendationservice',
      '45 shippingservice',
    ]);
  });
});
