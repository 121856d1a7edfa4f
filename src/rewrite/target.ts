import type { ImageRef } from '../reference/types.js';
import { mirrorName } from './mirror.js';
import type { Mirror, MirroredName } from './mirror.js';
import { isUnderPrefix } from './registry-prefix.js';
import { ruleName } from './rule.js';
import type { Rule } from './rule.js';

/** Where a reference should point, and which mirror or rule said so. */
export type Target = { name: MirroredName; via: Mirror | Rule } | { reason: string };

/** Skip reason for an image already under a mirror's base or a rule's target. */
export const ALREADY_MIRRORED = 'already on the mirror';

/** Skip reason for an image on another registry that no rule covers. */
export const NOT_DOCKER_HUB = 'not Docker Hub';

/** Skip reason for a Docker Hub image when only rules were given and none covers it. */
export const NO_HUB_MIRROR = 'no mirror for Docker Hub was given';

/**
 * True when `ref` already points into a mirror's base or a rule's target, so rewriting it
 * again would double the prefix.
 */
export function isAlreadyMirrored(ref: ImageRef, mirrors: Mirror[], rules: Rule[]): boolean {
  const bases = [...mirrors.map((m) => m.base), ...rules.map((r) => r.target)];
  return bases.some((base) => isUnderPrefix(ref.registry, ref.repository, base));
}

/**
 * Maps `ref` to its mirrored name. Rules come first, the one with the longest source
 * winning; Docker Hub images no rule covers go to the first mirror that can serve them.
 * When none applies the reason is each mirror's reason in turn, {@link NOT_DOCKER_HUB} or
 * {@link NO_HUB_MIRROR}. Whether `ref` is already mirrored is not checked here. `check`
 * can refuse a target, so the next mirror is tried.
 */
/**
 * Says whether a target really serves `ref` under `name` (a mirror verification), or why
 * not. Without one every target is taken on trust.
 */
export type TargetCheck = (ref: ImageRef, name: MirroredName) => string | undefined;

export function resolveTarget(
  ref: ImageRef,
  mirrors: Mirror[],
  rules: Rule[],
  check: TargetCheck = () => undefined,
): Target {
  let best: { name: MirroredName; rule: Rule; length: number } | undefined;
  for (const rule of rules) {
    const name = ruleName(ref, rule);
    const length = rule.source.path === '' ? 0 : rule.source.path.split('/').length;
    if (name !== undefined && (best === undefined || length > best.length)) {
      best = { name, rule, length };
    }
  }
  if (best !== undefined) {
    const refused = check(ref, best.name);
    return refused === undefined ? { name: best.name, via: best.rule } : { reason: refused };
  }
  if (!ref.isDockerHub) return { reason: NOT_DOCKER_HUB };
  const reasons: string[] = [];
  for (const mirror of mirrors) {
    const mapped = mirrorName(ref, mirror);
    const reason = 'name' in mapped ? check(ref, mapped.name) : mapped.reason;
    if (reason === undefined && 'name' in mapped) return { name: mapped.name, via: mirror };
    if (reason !== undefined && !reasons.includes(reason)) reasons.push(reason);
  }
  return { reason: reasons.join('; ') || NO_HUB_MIRROR };
}
