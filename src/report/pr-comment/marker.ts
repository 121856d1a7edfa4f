/** Characters kept as they are in a marker part; everything else is percent-encoded. */
const SAFE = /[A-Za-z0-9 _.()[\]{}+,=@#&'/~-]/u;

/**
 * Percent-encodes the characters of a workflow or job name that could end the HTML comment
 * (`>`, `!`), split the marker (`:`) or break the line (control characters), so the marker
 * stays one hidden line and two different names never give the same marker.
 */
function markerPart(name: string): string {
  const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  let out = '';
  for (const ch of name) {
    if (SAFE.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += hex(byte);
  }
  return out.trim() === '' ? '_' : out;
}

/**
 * The hidden marker that finds a job's review comment again:
 * `<!-- hubcap:review:<workflow>:<job> -->`. One comment per workflow and job.
 */
export function reviewMarker(workflow: string, job: string): string {
  return `<!-- hubcap:review:${markerPart(workflow)}:${markerPart(job)} -->`;
}

/** True when a comment body carries this marker on its first line (where hubcap puts it). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  const firstLine = body.replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0] ?? '';
  return firstLine.trim() === marker;
}
