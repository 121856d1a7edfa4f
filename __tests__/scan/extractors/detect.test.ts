import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS, DEFAULT_IGNORE, fileKindOf } from '../../../src/scan/detect.js';
import type { FileKind } from '../../../src/scan/types.js';

const KINDS: Array<[string, FileKind | undefined]> = [
  ['Dockerfile', 'dockerfile'],
  ['src/app/Dockerfile', 'dockerfile'],
  ['Dockerfile.dev', 'dockerfile'],
  ['build/api.Dockerfile', 'dockerfile'],
  ['api.dockerfile', 'dockerfile'],
  ['Containerfile', 'dockerfile'],
  ['images/Containerfile.fedora', 'dockerfile'],
  ['Dockerfile.dockerignore', undefined],
  ['api.Dockerfile.dockerignore', undefined],
  ['docker-compose.yml', 'compose'],
  ['deploy/docker-compose.prod.yaml', 'compose'],
  ['compose.yaml', 'compose'],
  ['compose.override.yml', 'compose'],
  ['.github/workflows/ci.yml', 'workflow'],
  ['.github/workflows/compose.yaml', 'workflow'],
  ['.github/workflows/values.yaml', 'workflow'],
  ['.github/dependabot.yml', 'kubernetes'],
  ['.github/workflows/sub/x.yml', 'kubernetes'],
  ['.gitlab-ci.yml', 'gitlab-ci'],
  ['ci/build.gitlab-ci.yml', 'gitlab-ci'],
  ['gitlab-ci.yml', 'kubernetes'],
  ['.devcontainer/devcontainer.json', 'devcontainer'],
  ['.devcontainer.json', 'devcontainer'],
  ['.devcontainer/python/devcontainer.json', 'devcontainer'],
  ['package.json', undefined],
  ['kustomization.yaml', 'kustomize'],
  ['overlays/prod/kustomization.yml', 'kustomize'],
  ['base/Kustomization', 'kustomize'],
  ['values.yaml', 'helm'],
  ['charts/app/values-production.yaml', 'helm'],
  ['charts/app/values.yml', 'helm'],
  ['charts/app/Chart.yaml', 'kubernetes'],
  ['charts/app/templates/deployment.yaml', undefined],
  ['charts/app/templates/tests/test.yaml', undefined],
  ['k8s/deployment.yaml', 'kubernetes'],
  ['manifests\\pod.yml', 'kubernetes'],
  ['./pod.yml', 'kubernetes'],
  ['README.md', undefined],
  ['Makefile', undefined],
  ['config.json', undefined],
];

describe('fileKindOf', () => {
  it.each(KINDS)('%s → %s', (file, kind) => {
    expect(fileKindOf(file)).toBe(kind);
  });
});

describe('DEFAULT_FILE_GLOBS', () => {
  const matches = picomatch(DEFAULT_FILE_GLOBS, { dot: true });
  const ignored = picomatch(DEFAULT_IGNORE, { dot: true });

  it('match every path that has a kind', () => {
    const missed = KINDS.filter(([file, kind]) => kind !== undefined && !file.includes('\\'))
      .map(([file]) => file.replace(/^\.\//, ''))
      .filter((file) => !matches(file));
    expect(missed).toEqual([]);
  });

  it('do not match unrelated files', () => {
    expect(
      ['README.md', 'Makefile', 'package.json', 'src/main.ts'].filter((f) => matches(f)),
    ).toEqual([]);
  });

  it('ignore dependency, VCS, vendored and built folders at any depth', () => {
    expect(
      [
        'node_modules/x/Dockerfile',
        'web/node_modules/x/compose.yaml',
        '.git/config.yml',
        'vendor/k8s/pod.yaml',
        'dist/values.yaml',
        'k8s/pod.yaml',
      ].filter((f) => ignored(f)),
    ).toEqual([
      'node_modules/x/Dockerfile',
      'web/node_modules/x/compose.yaml',
      '.git/config.yml',
      'vendor/k8s/pod.yaml',
      'dist/values.yaml',
    ]);
  });
});
