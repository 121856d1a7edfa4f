/** GitHub rejects an issue comment longer than this (422 "Body is too long"). */
export const COMMENT_BODY_LIMIT = 65_536;

/** The last line when rows were cut: `… and N more (see the job summary)`. */
export function moreLine(count: number): string {
  return `… and ${count} more (see the job summary)`;
}

/** A text fitted to a size limit, and how many rows were left out. */
export interface FittedText {
  text: string;
  /** Rows that did not fit (0 when all are shown). */
  omitted: number;
}

/**
 * Joins `head` and as many whole `rows` as fit, one per line, so the text is at most
 * `limit` UTF-16 code units (never fewer than GitHub's count of characters). When rows
 * are cut, a blank line and `more(count)` ({@link moreLine} by default) end the text. The
 * head is always kept; throws only when the head and that last line alone are too long.
 */
export function fitRows(
  head: string,
  rows: string[],
  limit: number,
  more: (count: number) => string = moreLine,
): FittedText {
  const full = [head, ...rows].join('\n');
  if (full.length <= limit) return { text: full, omitted: 0 };
  let used = head.length;
  let shown = 0;
  let best = head.length + 2 + more(rows.length).length <= limit ? 0 : -1;
  for (const row of rows) {
    used += 1 + row.length;
    shown += 1;
    const omitted = rows.length - shown;
    if (omitted === 0) break;
    if (used + 2 + more(omitted).length > limit) break;
    best = shown;
  }
  if (best < 0) {
    throw new Error(`comment head of ${head.length} characters is over the limit of ${limit}`);
  }
  const text = [head, ...rows.slice(0, best)].join('\n') + `\n\n${more(rows.length - best)}`;
  return { text, omitted: rows.length - best };
}
