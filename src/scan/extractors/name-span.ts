import type { Span } from '../types.js';

/**
 * The part of a literal reference's span that spells its name, without `:tag` or
 * `@digest`: `ghcr.io:443/a/b:1@sha256:…` → `ghcr.io:443/a/b`. A `:` before the last `/`
 * belongs to a registry port, not a tag.
 */
export function nameSpanOf(raw: string, span: Span): Span {
  const at = raw.indexOf('@');
  const beforeDigest = at < 0 ? raw : raw.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const slash = beforeDigest.lastIndexOf('/');
  const nameLength = colon > slash ? colon : beforeDigest.length;
  return { start: span.start, end: span.start + nameLength };
}
