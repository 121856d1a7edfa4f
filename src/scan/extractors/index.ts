import { extractDockerfile } from '../dockerfile/extract.js';
import type { Extractor, FileKind } from '../types.js';
import { extractCompose } from './compose.js';
import { extractDevcontainer } from './devcontainer.js';
import { extractGitlabCi } from './gitlab-ci.js';
import { extractHelm } from './helm.js';
import { extractKubernetes } from './kubernetes.js';
import { extractKustomize } from './kustomize.js';
import { extractWorkflow } from './workflow.js';

/** The extractor of each file kind. */
const EXTRACTORS: Readonly<Record<FileKind, Extractor>> = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  helm: extractHelm,
  workflow: extractWorkflow,
  'gitlab-ci': extractGitlabCi,
  devcontainer: extractDevcontainer,
  kustomize: extractKustomize,
};

/** The extractor that reads files of `kind`. */
export function extractorFor(kind: FileKind): Extractor {
  return EXTRACTORS[kind];
}
