import type { ImageRef } from '../reference/types.js';
import { isHubHost, joinPath, prefixString, splitRegistryPrefix } from './registry-prefix.js';
import type { RegistryPrefix } from './registry-prefix.js';

export { parseRule, ruleName, RuleSpecError } from './rule.js';
export type { Rule } from './rule.js';

/** Which convention a mirror follows. */
export type MirrorPreset =
  'mirror.gcr.io' | 'ecr-public' | 'ecr' | 'harbor' | 'gitlab' | 'artifactory' | 'prefix';

/** A Docker Hub mirror, parsed from a spec such as `mirror.gcr.io` or `harbor:h/proj`. */
export interface Mirror {
  /** The spec as given. */
  spec: string;
  preset: MirrorPreset;
  /** Where Docker Hub images live on the mirror: `public.ecr.aws` + `docker/library`. */
  base: RegistryPrefix;
  /**
   * Official images (`library/<name>`) keep `library/` under the base. Not for the
   * GitLab dependency proxy, nor for ECR Public, whose base already ends in `library`.
   */
  keepLibrary: boolean;
  /** Only Docker Official Images are served (ECR Public). */
  officialOnly: boolean;
}

/** A mirrored name: the registry host and the repository path on it. */
export interface MirroredName {
  registry: string;
  repository: string;
}

/** Why ECR Public cannot take a Hub image outside `library/`. */
export const ECR_PUBLIC_REASON = 'ECR Public mirrors only Docker Official Images (library/…)';

/** The forms {@link parseMirror} accepts, for error messages and help. */
export const MIRROR_FORMS = [
  'mirror.gcr.io',
  'ecr-public',
  'ecr:<account>.dkr.ecr.<region>.amazonaws.com[/<prefix>]',
  'harbor:<host>/<project>',
  'gitlab:<host>/<group>',
  'artifactory:<host>/<repo-key>',
  '<host>[:<port>][/<path>]',
] as const;

/** A mirror spec that is not one of {@link MIRROR_FORMS}; the message quotes it. */
export class MirrorSpecError extends Error {
  constructor(
    readonly spec: string,
    readonly reason: string,
  ) {
    super(
      `invalid mirror ${JSON.stringify(spec)}: ${reason}; ` +
        `expected one of: ${MIRROR_FORMS.join(', ')}`,
    );
    this.name = 'MirrorSpecError';
  }
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/;
const ONE_SEGMENT = /^[^/]+$/;
const TYPED = /^(ecr|harbor|gitlab|artifactory):(.*)$/s;

/**
 * Parses a mirror spec (see {@link MIRROR_FORMS}). Throws a {@link MirrorSpecError} that
 * quotes the spec, says what is wrong and lists the accepted forms.
 */
export function parseMirror(spec: string): Mirror {
  if (spec === 'mirror.gcr.io') {
    return { spec, preset: 'mirror.gcr.io', base: { host: spec, path: '' }, ...withLibrary };
  }
  if (spec === 'ecr-public') {
    const base = { host: 'public.ecr.aws', path: 'docker/library' };
    return { spec, preset: 'ecr-public', base, keepLibrary: false, officialOnly: true };
  }
  const typed = TYPED.exec(spec);
  // `harbor:5000/x` is the host `harbor` with a port, not a preset.
  if (typed !== null && !/^\d+(?:\/|$)/.test(typed[2] ?? '')) {
    return parseTyped(spec, typed[1] as TypedPreset, typed[2] ?? '');
  }
  const base = prefixOrThrow(spec, spec);
  if (isHubHost(base.host)) throw new MirrorSpecError(spec, 'Docker Hub cannot mirror itself');
  if (base.host === 'public.ecr.aws' && /^docker(?:\/|$)/.test(base.path)) {
    throw new MirrorSpecError(spec, 'use the preset "ecr-public" for public.ecr.aws/docker');
  }
  return { spec, preset: 'prefix', base, ...withLibrary };
}

const withLibrary = { keepLibrary: true, officialOnly: false } as const;

type TypedPreset = 'ecr' | 'harbor' | 'gitlab' | 'artifactory';

function parseTyped(spec: string, preset: TypedPreset, rest: string): Mirror {
  const prefix = prefixOrThrow(spec, rest);
  if (isHubHost(prefix.host)) throw new MirrorSpecError(spec, 'Docker Hub cannot mirror itself');
  switch (preset) {
    case 'ecr': {
      if (!ECR_HOST.test(prefix.host)) {
        throw new MirrorSpecError(
          spec,
          `${JSON.stringify(prefix.host)} is not <12-digit account>.dkr.ecr.<region>.amazonaws.com`,
        );
      }
      const path = prefix.path === '' ? 'docker-hub' : prefix.path;
      return { spec, preset, base: { host: prefix.host, path }, ...withLibrary };
    }
    case 'harbor':
    case 'artifactory': {
      const what = preset === 'harbor' ? 'project' : 'repository key';
      if (!ONE_SEGMENT.test(prefix.path)) {
        throw new MirrorSpecError(spec, `${preset} needs <host>/<${what}> with one path segment`);
      }
      return { spec, preset, base: prefix, ...withLibrary };
    }
    case 'gitlab': {
      if (prefix.path === '') throw new MirrorSpecError(spec, 'gitlab needs <host>/<group>');
      const path = joinPath(prefix.path, 'dependency_proxy', 'containers');
      return { spec, preset, base: { host: prefix.host, path }, ...noLibrary };
    }
  }
}

const noLibrary = { keepLibrary: false, officialOnly: false } as const;

function prefixOrThrow(spec: string, text: string): RegistryPrefix {
  const prefix = splitRegistryPrefix(text);
  if ('problem' in prefix) throw new MirrorSpecError(spec, prefix.problem);
  return prefix;
}

/** True for a Docker Official Image: `docker.io/library/<name>` with a one-segment name. */
export function isOfficialImage(ref: ImageRef): boolean {
  return ref.isDockerHub && /^library\/[^/]+$/.test(ref.repository);
}

/**
 * The name a Docker Hub image has on `mirror` (registry and path; tag and digest are not
 * part of it), or why the mirror cannot serve it. Images not on Docker Hub are never
 * mirrored here; rules handle other registries.
 */
export function mirrorName(
  ref: ImageRef,
  mirror: Mirror,
): { name: MirroredName } | { reason: string } {
  if (!ref.isDockerHub) return { reason: 'not Docker Hub' };
  const official = isOfficialImage(ref);
  if (mirror.officialOnly && !official) return { reason: ECR_PUBLIC_REASON };
  const own =
    official && !mirror.keepLibrary ? ref.repository.slice('library/'.length) : ref.repository;
  return { name: { registry: mirror.base.host, repository: joinPath(mirror.base.path, own) } };
}

/** `registry/repository` of a mirrored name. */
export function mirroredString(name: MirroredName): string {
  return `${name.registry}/${name.repository}`;
}

/** The mirror's base as text, e.g. `public.ecr.aws/docker/library`. */
export function mirrorBaseString(mirror: Mirror): string {
  return prefixString(mirror.base);
}
