import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text.js';
import type { Extractor } from '../types.js';
import { cannotEdit, OccurrenceCollector } from './collector.js';

/**
 * `devcontainer.json` (JSON with comments and trailing commas): the top-level `image`.
 * A JSON syntax error gives one problem and no occurrences; a string written with
 * escapes becomes a problem since it cannot be edited in place.
 */
export const extractDevcontainer: Extractor = (text, file) => {
  const collector = new OccurrenceCollector(text, file, 'devcontainer');
  // A BOM is not JSON; a space of the same length keeps every offset where it was.
  const json = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: true, disallowComments: false });
  const error = errors[0];
  if (error || !root) {
    const offset = Math.min(error?.offset ?? 0, text.length);
    const lines = new LineIndex(text);
    const reason = error ? printParseErrorCode(error.error) : 'empty document';
    collector.addProblem({
      file,
      line: lines.line(offset),
      column: lines.column(offset),
      message: `JSON syntax error: ${reason}`,
    });
    return collector.result();
  }
  if (root.type !== 'object') return collector.result();
  const image = findNodeAtLocation(root, ['image']);
  if (image?.type !== 'string' || typeof image.value !== 'string' || image.value === '') {
    return collector.result();
  }
  const start = image.offset + 1;
  const end = image.offset + image.length - 1;
  if (text.slice(start, end) !== image.value) {
    collector.problem(image.offset, cannotEdit(image.value, 'is written with escapes'));
    return collector.result();
  }
  collector.literal('devcontainer', { start, end });
  return collector.result();
};
