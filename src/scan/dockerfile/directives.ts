import type { Directive } from './ast.js';
import { DockerfileParseError } from './ast.js';
import { skipSpaces } from './go-text.js';
import { splitPhysicalLines } from './source-lines.js';

/** Directive names BuildKit recognises; any other `# key=value` ends the directive block. */
const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/** `key = value` after the `#`, with Go's ASCII `\s` around the parts. */
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/d;

/**
 * Reads parser directives line by line, as BuildKit's DirectiveParser does: directives
 * are only recognised until the first line that is not one (an instruction, an empty
 * line, an ordinary comment), and each may appear once.
 */
export class DirectiveScanner {
  private done = false;
  private readonly seen = new Set<string>();
  readonly found: Directive[] = [];

  /**
   * Looks at one line. `start`/`end` bound the line's text (newline excluded), `line` is
   * its 1-based number. Throws a DockerfileParseError for a repeated directive.
   */
  scan(text: string, start: number, end: number, line: number): Directive | undefined {
    if (this.done) return undefined;
    if (text.charAt(start) !== '#' || start >= end) {
      this.done = true;
      return undefined;
    }
    const bodyStart = skipSpaces(text, start + 1, end);
    const match = DIRECTIVE.exec(text.slice(bodyStart, end));
    const valueAt = match?.indices?.[2];
    const key = match?.[1]?.toLowerCase() ?? '';
    if (match === null || valueAt === undefined || !VALID_DIRECTIVES.has(key)) {
      this.done = true;
      return undefined;
    }
    if (this.seen.has(key)) {
      throw new DockerfileParseError(`only one ${key} parser directive can be used`, line);
    }
    this.seen.add(key);
    const directive: Directive = {
      name: key,
      value: match[2] ?? '',
      line,
      valueSpan: { start: bodyStart + valueAt[0], end: bodyStart + valueAt[1] },
    };
    this.found.push(directive);
    return directive;
  }
}

/**
 * The `# syntax=` directive the way BuildKit's frontend detects it (`DetectSyntax`): a
 * leading BOM and a `#!` first line are skipped, lines are not left-trimmed, and only the
 * value's first space-separated word names the frontend image. Undefined when absent.
 */
export function detectSyntax(text: string): Directive | undefined {
  const lines = splitPhysicalLines(text);
  const scanner = new DirectiveScanner();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) break;
    let start = line.start;
    if (i === 0 && text.charCodeAt(0) === 0xfeff) start++;
    if (i === 0 && text.startsWith('#!', start)) continue;
    let directive: Directive | undefined;
    try {
      directive = scanner.scan(text, start, line.contentEnd, i + 1);
    } catch {
      return undefined;
    }
    if (directive === undefined) return undefined;
    if (directive.name !== 'syntax') continue;
    const space = directive.value.indexOf(' ');
    if (space < 0) return directive;
    const value = directive.value.slice(0, space);
    const valueSpan = {
      start: directive.valueSpan.start,
      end: directive.valueSpan.start + value.length,
    };
    return { ...directive, value, valueSpan };
  }
  return undefined;
}
