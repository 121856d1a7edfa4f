import type { ImageRef } from '../reference/types.js';
import type { MirroredName } from './mirror.js';
import {
  isHubHost,
  joinPath,
  restUnder,
  sameHost,
  splitRegistryPrefix,
} from './registry-prefix.js';
import type { RegistryPrefix } from './registry-prefix.js';

/**
 * `SRC=DST`: every image whose registry (and path, on whole segments) starts with the
 * source is moved under the target: `quay.io=mirror.corp/quay` maps `quay.io/a/b` to
 * `mirror.corp/quay/a/b`. Docker Hub sources are matched against the normalized path, so
 * `docker.io=m.corp/hub` maps `node` to `m.corp/hub/library/node`.
 */
export interface Rule {
  /** The spec as given. */
  spec: string;
  /** Source registry and path prefix; Docker Hub aliases are stored as `docker.io`. */
  source: RegistryPrefix;
  target: RegistryPrefix;
}

/** A rule spec that is not `SRC=DST`; the message quotes it. */
export class RuleSpecError extends Error {
  constructor(
    readonly spec: string,
    readonly reason: string,
  ) {
    super(
      `invalid rule ${JSON.stringify(spec)}: ${reason}; expected SRC=DST, both ` +
        '<host>[:<port>][/<path>] (e.g. quay.io=mirror.corp/quay, docker.io=mirror.corp/hub)',
    );
    this.name = 'RuleSpecError';
  }
}

/** Parses `SRC=DST`. Throws a {@link RuleSpecError} quoting the spec and saying why. */
export function parseRule(spec: string): Rule {
  const parts = spec.split('=');
  if (parts.length !== 2) throw new RuleSpecError(spec, 'it needs exactly one "="');
  const source = side(spec, 'source', parts[0] ?? '');
  const target = side(spec, 'target', parts[1] ?? '');
  if (isHubHost(source.host)) source.host = 'docker.io';
  if (isHubHost(target.host)) {
    throw new RuleSpecError(spec, 'the target must not be Docker Hub');
  }
  if (sameHost(source.host, target.host) && source.path === target.path) {
    throw new RuleSpecError(spec, 'source and target are the same');
  }
  return { spec, source, target };
}

function side(spec: string, which: string, text: string): RegistryPrefix {
  const prefix = splitRegistryPrefix(text);
  if ('problem' in prefix) throw new RuleSpecError(spec, `${which}: ${prefix.problem}`);
  return prefix;
}

/**
 * The name `ref` gets under `rule` (registry and path, no tag or digest), or undefined
 * when the rule's source does not cover it.
 */
export function ruleName(ref: ImageRef, rule: Rule): MirroredName | undefined {
  if (!sameHost(ref.registry, rule.source.host)) return undefined;
  const rest = restUnder(ref.repository, rule.source.path);
  if (rest === undefined) return undefined;
  const repository = joinPath(rule.target.path, rest);
  if (repository === '') return undefined;
  return { registry: rule.target.host, repository };
}
