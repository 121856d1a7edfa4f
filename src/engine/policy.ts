import type { Policy } from '../config/config.js';
import { isDockerHubHost, tryParseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { Occurrence } from '../scan/types.js';
import type { MainJobResult } from './main-job.js';

const at = (o: Occurrence): string => `${o.file}:${o.line}`;

/** True when `ref` lies under one of the allowed `host` or `host/path` prefixes. */
export function isAllowedRegistry(ref: ImageRef, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const [host = '', ...rest] = entry.replace(/\/+$/, '').split('/');
    const sameHost = host === ref.registry || (isDockerHubHost(host) && ref.isDockerHub);
    if (!sameHost) return false;
    const path = rest.join('/');
    return path === '' || ref.repository === path || ref.repository.startsWith(`${path}/`);
  });
}

/** Each reference as it stands after the run: rewritten ones by their new image. */
function finalRefs(result: MainJobResult): Array<{ occurrence: Occurrence; ref: ImageRef }> {
  const rewritten = new Map(result.rewritten.map((r) => [r.occurrence, r.to]));
  return result.scan.occurrences.map((occurrence) => {
    const to = rewritten.get(occurrence);
    const parsed = to === undefined ? undefined : tryParseReference(to);
    const ref = parsed !== undefined && 'ref' in parsed ? parsed.ref : occurrence.ref;
    return { occurrence, ref };
  });
}

/** One line per broken policy, each naming every violation with file and line. */
export function policyFailures(policy: Policy, result: MainJobResult): string[] {
  const failures: string[] = [];
  for (const name of policy.failOn) {
    if (name === 'unpinned' || name === 'latest') {
      const hits = result.unpinned.filter(
        (f) => name === 'unpinned' || f.reason === 'latest' || f.reason === 'no-tag',
      );
      if (hits.length === 0) continue;
      const what = name === 'latest' ? 'with `latest` or no tag' : 'without a digest';
      const list = hits.map((f) => `\n  ${at(f.occurrence)} ${f.occurrence.image}`).join('');
      failures.push(`fail-on ${name}: image references ${what} (${hits.length}):${list}`);
    } else {
      const hits = finalRefs(result).filter(
        ({ ref }) => !isAllowedRegistry(ref, policy.allowedRegistries),
      );
      if (hits.length === 0) continue;
      const list = hits
        .map(({ occurrence, ref }) => `\n  ${at(occurrence)} ${occurrence.image} (${ref.registry})`)
        .join('');
      failures.push(
        `fail-on registry: image references on registries other than ` +
          `${policy.allowedRegistries.join(', ')} (${hits.length}):${list}`,
      );
    }
  }
  return failures;
}
