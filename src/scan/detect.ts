import type { FileKind } from './types.js';

/** Globs (fast-glob / picomatch syntax, use with `dot: true`) for every file kind read. */
export const DEFAULT_FILE_GLOBS: string[] = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/*.dockerfile',
  '**/Containerfile*',
  '**/*.yaml',
  '**/*.yml',
  '**/devcontainer.json',
  '**/.devcontainer.json',
  '**/Kustomization',
];

/** Folders never scanned: dependencies, VCS data, vendored and built code. */
export const DEFAULT_IGNORE: string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/vendor/**',
  '**/dist/**',
];

const YAML = /\.ya?ml$/;

/** Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile* (not ignore files). */
function isDockerfile(base: string): boolean {
  if (base.endsWith('.dockerignore')) return false;
  return (
    base === 'Dockerfile' ||
    base.startsWith('Dockerfile.') ||
    base.endsWith('.Dockerfile') ||
    base.endsWith('.dockerfile') ||
    base.startsWith('Containerfile')
  );
}

/**
 * The kind of a file, from its path alone (relative, `/`- or `\`-separated), or undefined
 * when hubcap does not read it. YAML inside a `templates/` folder (a Helm chart's Go
 * templates) is never read; YAML matching no other kind is read as Kubernetes manifests.
 */
export function fileKindOf(relPath: string): FileKind | undefined {
  const segments = relPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  const base = segments[segments.length - 1] ?? '';
  const folders = segments.slice(0, -1);
  if (isDockerfile(base)) return 'dockerfile';
  if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
  if (base === 'Kustomization') return 'kustomize';
  if (!YAML.test(base)) return undefined;
  const parent = folders[folders.length - 1];
  const grandparent = folders[folders.length - 2];
  if (parent === 'workflows' && grandparent === '.github') return 'workflow';
  if (/\.gitlab-ci\.ya?ml$/.test(base)) return 'gitlab-ci';
  if (base === 'kustomization.yaml' || base === 'kustomization.yml') return 'kustomize';
  if (folders.includes('templates')) return undefined;
  if (/^(docker-)?compose.*\.ya?ml$/.test(base)) return 'compose';
  if (/^values.*\.ya?ml$/.test(base)) return 'helm';
  return 'kubernetes';
}
