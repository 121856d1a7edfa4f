import { describe, expect, it } from 'vitest';
import { extractGitlabCi } from '../../../src/scan/extractors/gitlab-ci.js';
import { found } from './found.js';

const FILE = '.gitlab-ci.yml';
const run = (text: string) => extractGitlabCi(text, FILE);

describe('extractGitlabCi', () => {
  it('reads top-level, default and job images and services', () => {
    const text = [
      'image: ruby:3.3',
      'services:',
      '  - postgres:16',
      '  - name: redis:7',
      '    alias: cache',
      'default:',
      '  image:',
      '    name: alpine:3.20',
      '    entrypoint: [""]',
      '  services: [docker:27-dind]',
      'variables:',
      '  image: not-a-job:1',
      'stages: [build]',
      '.template:',
      '  image: node:20',
      'build:',
      '  stage: build',
      '  image: "registry.gitlab.com/acme/builder:1"',
      '  services:',
      '    - name: mysql:8',
      '  script: [make]',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result).map((f) => [f.line, f.column, f.raw, f.normalized])).toEqual([
      [1, 8, 'ruby:3.3', 'docker.io/library/ruby:3.3'],
      [3, 5, 'postgres:16', 'docker.io/library/postgres:16'],
      [4, 11, 'redis:7', 'docker.io/library/redis:7'],
      [8, 11, 'alpine:3.20', 'docker.io/library/alpine:3.20'],
      [10, 14, 'docker:27-dind', 'docker.io/library/docker:27-dind'],
      [15, 10, 'node:20', 'docker.io/library/node:20'],
      [18, 11, 'registry.gitlab.com/acme/builder:1', 'registry.gitlab.com/acme/builder:1'],
      [20, 13, 'mysql:8', 'docker.io/library/mysql:8'],
    ]);
    expect(new Set(result.occurrences.map((o) => o.kind))).toEqual(new Set(['gitlab-ci']));
    expect(result.occurrences.map((o) => o.fileKind)[0]).toBe('gitlab-ci');
  });

  it('passes over values with GitLab variables without a problem', () => {
    const text = [
      'image: $CI_REGISTRY_IMAGE/builder:latest',
      'test:',
      '  image:',
      '    name: ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20',
      '  services:',
      '    - $CI_REGISTRY/acme/db:1',
      '',
    ].join('\n');
    expect(run(text)).toEqual({ occurrences: [], problems: [] });
  });

  it('reads jobs that use !reference tags elsewhere', () => {
    const text = [
      '.setup:',
      '  script: [echo]',
      'job:',
      '  image: python:3.12',
      '  script:',
      '    - !reference [.setup, script]',
      '',
    ].join('\n');
    expect(found(text, FILE, run(text)).map((f) => [f.line, f.raw])).toEqual([[4, 'python:3.12']]);
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text = '\uFEFFimage: ruby:3.3\r\njob:\r\n  image: node:20\r\n';
    const result = run(text);
    expect(found(text, FILE, result).map((f) => [f.line, f.column, f.raw])).toEqual([
      [1, 9, 'ruby:3.3'],
      [3, 10, 'node:20'],
    ]);
    expect(result.occurrences[0]?.span).toEqual({ start: 8, end: 16 });
  });

  it('gives one problem and no occurrences for a YAML syntax error', () => {
    const text = 'image: ruby:3.3\njob:\n  image: "node:20\n';
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.file).toBe(FILE);
  });
});
