import { describe, expect, it } from 'vitest';
import { extractDockerfile } from '../../../src/scan/dockerfile/extract.js';
import { extractCompose } from '../../../src/scan/extractors/compose.js';
import { extractDevcontainer } from '../../../src/scan/extractors/devcontainer.js';
import { extractGitlabCi } from '../../../src/scan/extractors/gitlab-ci.js';
import { extractHelm } from '../../../src/scan/extractors/helm.js';
import { extractorFor } from '../../../src/scan/extractors/index.js';
import { extractKubernetes } from '../../../src/scan/extractors/kubernetes.js';
import { extractKustomize } from '../../../src/scan/extractors/kustomize.js';
import { extractWorkflow } from '../../../src/scan/extractors/workflow.js';
import type { FileKind } from '../../../src/scan/types.js';

describe('extractorFor', () => {
  it.each([
    ['dockerfile', extractDockerfile],
    ['compose', extractCompose],
    ['kubernetes', extractKubernetes],
    ['helm', extractHelm],
    ['workflow', extractWorkflow],
    ['gitlab-ci', extractGitlabCi],
    ['devcontainer', extractDevcontainer],
    ['kustomize', extractKustomize],
  ] as const)('%s', (kind: FileKind, extractor) => {
    expect(extractorFor(kind)).toBe(extractor);
  });

  it('gives each kind its own occurrences', () => {
    const text = 'image: acme/app:1\n';
    expect(extractorFor('gitlab-ci')(text, '.gitlab-ci.yml').occurrences[0]?.kind).toBe(
      'gitlab-ci',
    );
    expect(extractorFor('helm')(text, 'values.yaml').occurrences[0]?.kind).toBe('helm');
    expect(extractorFor('kubernetes')(text, 'pod.yaml').occurrences).toEqual([]);
  });
});
