import type { ImageRef } from '../reference/types.js';
import { RegistryError } from '../registry/index.js';
import { mirrorName, mirroredString, type Mirror, type MirroredName } from './mirror.js';
import type { Rule } from './rule.js';
import { isAlreadyMirrored, resolveTarget, type TargetCheck } from './target.js';
import { Limiter } from '../util/limiter.js';

/** Sends a manifest HEAD for `repository:reference` on `registry`; throws when it fails. */
export type ManifestProbe = (
  registry: string,
  repository: string,
  reference: string,
) => Promise<void>;

/** Requests in flight at once while verifying. */
export const VERIFY_CONCURRENCY = 8;

/** The tag or digest a mirror must serve for `ref` (a digest is the more exact check). */
function referenceOf(ref: ImageRef): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/** Why a mirror failed a check, in one line naming the mirror and the image. */
export function refusalReason(name: MirroredName, reference: string, error: unknown): string {
  const image = `${mirroredString(name)}${reference.includes(':') ? '@' : ':'}${reference}`;
  if (error instanceof RegistryError) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    if (error.kind === 'not-found') return `mirror does not have ${image}${status}`;
    if (error.kind === 'auth') return `mirror refused access to ${image}${status}`;
    return `mirror check failed for ${image}: ${error.kind}${status}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `mirror could not be reached for ${image}: ${message}`;
}

/** The names to try for `ref`, in order: a rule's target, else each mirror's name. */
function candidates(ref: ImageRef, mirrors: Mirror[], rules: Rule[]): MirroredName[] {
  const first = resolveTarget(ref, [], rules);
  if ('name' in first) return [first.name];
  if (!ref.isDockerHub) return [];
  return mirrors.flatMap((m) => {
    const mapped = mirrorName(ref, m);
    return 'name' in mapped ? [mapped.name] : [];
  });
}

/**
 * Checks, with a HEAD per image, that the mirror really serves each reference before it is
 * pointed there: candidates are tried in order until one answers, so a later mirror is
 * used when an earlier one lacks the image. Results are cached for the run, requests run
 * with bounded concurrency, and nothing is pulled. Returns the check for `planRewrite`.
 */
export async function verifyTargets(
  refs: ImageRef[],
  mirrors: Mirror[],
  rules: Rule[],
  probe: ManifestProbe,
  concurrency = VERIFY_CONCURRENCY,
): Promise<TargetCheck> {
  const verdicts = new Map<string, Promise<string | undefined>>();
  const keyOf = (name: MirroredName, ref: ImageRef): string =>
    `${mirroredString(name)}|${referenceOf(ref)}`;
  const limiter = new Limiter(Math.max(1, concurrency));
  const verdict = (ref: ImageRef, name: MirroredName): Promise<string | undefined> => {
    const key = keyOf(name, ref);
    let found = verdicts.get(key);
    if (found === undefined) {
      const reference = referenceOf(ref);
      found = limiter
        .run(() => probe(name.registry, name.repository, reference))
        .then(
          () => undefined,
          (error: unknown) => refusalReason(name, reference, error),
        );
      verdicts.set(key, found);
    }
    return found;
  };
  const unique = new Map(refs.map((r) => [r.normalized, r]));
  await Promise.all(
    [...unique.values()]
      .filter((ref) => !isAlreadyMirrored(ref, mirrors, rules))
      .map(async (ref) => {
        for (const name of candidates(ref, mirrors, rules)) {
          if ((await verdict(ref, name)) === undefined) return;
        }
      }),
  );
  const settled = new Map<string, string | undefined>();
  for (const [key, promise] of verdicts) settled.set(key, await promise);
  return (ref, name) => settled.get(keyOf(name, ref));
}
