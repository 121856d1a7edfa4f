import type {
  DockerfileAst,
  Heredoc,
  Instruction,
  InstructionArg,
  InstructionFlag,
  ParseWarning,
} from './ast.js';
import { DockerfileParseError } from './ast.js';
import { DirectiveScanner } from './directives.js';
import { skipSpaces } from './go-text.js';
import { HEREDOC_INSTRUCTIONS, heredocsFromLine } from './heredoc.js';
import type { HeredocStart } from './heredoc.js';
import { parseInstructionArgs } from './line-parsers.js';
import { LogicalLine, splitPhysicalLines } from './source-lines.js';
import type { PhysicalLine } from './source-lines.js';
import { splitCommand } from './split-command.js';

/**
 * Parses Dockerfile text the way BuildKit's `parser.Parse` does: parser directives,
 * continuation lines (with comments and empty lines inside), here-documents, JSON and
 * shell forms. Every argument keeps its offsets in `text`. Throws a DockerfileParseError
 * when BuildKit's parser would fail.
 */
export function parseDockerfile(text: string): DockerfileAst {
  return new Parser(text).parse();
}

/**
 * Where a line's content ends once a trailing continuation character (and the blanks
 * after it) is removed, or undefined when the line does not continue. An escaped escape
 * character (`\\`) does not continue the line.
 */
export function continuationEnd(
  text: string,
  start: number,
  end: number,
  escape: string,
): number | undefined {
  let p = end;
  while (p > start && (text.charAt(p - 1) === ' ' || text.charAt(p - 1) === '\t')) p--;
  if (p <= start || text.charAt(p - 1) !== escape) return undefined;
  const at = p - 1;
  if (at === start) return start;
  return text.charAt(at - 1) === escape ? undefined : at;
}

function isEmptyAfterTrim(text: string, start: number, end: number): boolean {
  return skipSpaces(text, start, end) >= end;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Parser {
  private readonly lines: PhysicalLine[];
  private readonly directives = new DirectiveScanner();
  private escape = '\\';
  private next = 0;

  constructor(private readonly text: string) {
    this.lines = splitPhysicalLines(text);
  }

  parse(): DockerfileAst {
    const instructions: Instruction[] = [];
    const warnings: ParseWarning[] = [];
    let comments: string[] = [];
    while (this.next < this.lines.length) {
      const line = this.lines[this.next];
      if (line === undefined) break;
      const startLine = this.next + 1;
      let start = line.start;
      if (this.next === 0 && this.text.charCodeAt(start) === 0xfeff) start++;
      start = skipSpaces(this.text, start, line.contentEnd);
      const isComment = this.text.charAt(start) === '#' && start < line.contentEnd;
      if (isComment) comments.push(this.text.slice(start + 1, line.contentEnd).trim());
      this.scanDirective(start, line.contentEnd, startLine);
      this.next++;
      const pieceEnd = isComment ? start : line.contentEnd;
      const cut = continuationEnd(this.text, start, pieceEnd, this.escape);
      if (cut === undefined && pieceEnd === start) continue;
      const logical = new LogicalLine();
      logical.append(this.text, start, cut ?? pieceEnd);
      const hasEmpty = this.readContinuation(logical, cut !== undefined);
      if (hasEmpty) {
        warnings.push({
          message: `Empty continuation line found in: ${logical.text}`,
          line: this.next,
        });
      }
      const node = this.nodeAt(logical, 0, logical.text.length, startLine);
      node.comments = comments;
      node.heredocs = this.readHeredocs(node, logical.text, startLine);
      node.startLine = startLine;
      node.endLine = this.next;
      instructions.push(node);
      comments = [];
    }
    const first = instructions[0];
    const last = instructions[instructions.length - 1];
    if (first === undefined || last === undefined) {
      throw new DockerfileParseError('file with no instructions', Math.max(this.next, 1));
    }
    return {
      instructions,
      directives: this.directives.found,
      escapeToken: this.escape,
      warnings,
      startLine: first.startLine,
      endLine: last.endLine,
    };
  }

  private scanDirective(start: number, end: number, line: number): void {
    const directive = this.directives.scan(this.text, start, end, line);
    if (directive?.name !== 'escape') return;
    if (directive.value !== '`' && directive.value !== '\\') {
      throw new DockerfileParseError(
        `invalid escape token '${directive.value}' does not match \` or \\`,
        line,
      );
    }
    this.escape = directive.value;
  }

  /** Appends continuation lines; returns whether an empty continuation line was skipped. */
  private readContinuation(logical: LogicalLine, continues: boolean): boolean {
    let more = continues;
    let hasEmpty = false;
    while (more && this.next < this.lines.length) {
      const line = this.lines[this.next];
      if (line === undefined) break;
      this.scanDirective(line.start, line.contentEnd, this.next + 1);
      this.next++;
      const first = skipSpaces(this.text, line.start, line.contentEnd);
      if (this.text.charAt(first) === '#' && first < line.contentEnd) continue;
      if (isEmptyAfterTrim(this.text, line.start, line.contentEnd)) {
        hasEmpty = true;
        continue;
      }
      const cut = continuationEnd(this.text, line.start, line.contentEnd, this.escape);
      logical.append(this.text, line.start, cut ?? line.contentEnd);
      more = cut !== undefined;
    }
    return hasEmpty;
  }

  /** Builds the instruction in `logical.text.slice(start, end)`. */
  private nodeAt(logical: LogicalLine, start: number, end: number, line: number): Instruction {
    const split = splitCommand(logical.text, start, end);
    const keyword = logical.text.slice(split.cmdStart, split.cmdEnd);
    const name = keyword.toLowerCase();
    let parsed;
    try {
      parsed = parseInstructionArgs(
        name,
        logical.text,
        split.argsStart,
        split.argsEnd,
        this.escape,
      );
    } catch (error) {
      throw new DockerfileParseError(errorMessage(error), line);
    }
    const flags = split.flags.map((flag): InstructionFlag => {
      const eq = flag.text.indexOf('=');
      const nameEnd = eq < 0 ? flag.text.length : eq;
      const valueChars = eq < 0 ? [] : flag.chars.slice(eq + 1);
      return {
        text: flag.text,
        name: flag.text.startsWith('--') ? flag.text.slice(2, nameEnd) : flag.text,
        value: eq < 0 ? undefined : flag.text.slice(eq + 1),
        span: logical.span(flag.start, flag.end) ?? { start: 0, end: 0 },
        valueOffsets: valueChars.map((i) => logical.offsets[i] ?? 0),
      };
    });
    const args = parsed.args.map((arg): InstructionArg => {
      if (arg.start === undefined || arg.end === undefined) return { value: arg.value };
      return {
        value: arg.value,
        span: logical.span(arg.start, arg.end),
        offsets: arg.copy ? logical.slice(arg.start, arg.end) : undefined,
      };
    });
    const sub = parsed.subcommand;
    const afterKeyword = (logical.offsets[split.cmdEnd - 1] ?? 0) + 1;
    const argsSpan = logical.span(split.argsStart, split.argsEnd) ?? {
      start: afterKeyword,
      end: afterKeyword,
    };
    return {
      keyword,
      name,
      keywordSpan: logical.span(split.cmdStart, split.cmdEnd) ?? { start: 0, end: 0 },
      flags,
      args,
      json: parsed.json,
      sub: sub === undefined ? undefined : this.nodeAt(logical, sub.start, sub.end, line),
      heredocs: [],
      original: logical.text.slice(start, end),
      argsText: logical.text.slice(split.argsStart, split.argsEnd),
      argsSpan,
      startLine: line,
      endLine: line,
      comments: [],
    };
  }

  /** Reads the bodies of the here-documents the instruction announces. */
  private readHeredocs(node: Instruction, line: string, startLine: number): Heredoc[] {
    const target = node.name === 'onbuild' && node.sub !== undefined ? node.sub : node;
    if (!HEREDOC_INSTRUCTIONS.has(target.name) || target.json || !line.includes('<<')) {
      return [];
    }
    let starts: HeredocStart[];
    try {
      starts = heredocsFromLine(line);
    } catch (error) {
      throw new DockerfileParseError(errorMessage(error), startLine);
    }
    return starts.map((doc) => this.readHeredoc(doc, startLine));
  }

  private readHeredoc(doc: HeredocStart, startLine: number): Heredoc {
    const contentStart = this.lines[this.next]?.start ?? this.text.length;
    while (this.next < this.lines.length) {
      const line = this.lines[this.next];
      if (line === undefined) break;
      this.next++;
      let candidate = this.text.slice(line.start, line.contentEnd);
      if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === doc.name) {
        return {
          ...doc,
          content: this.text.slice(contentStart, line.start),
          contentSpan: { start: contentStart, end: line.start },
          terminatorLine: this.next,
        };
      }
    }
    throw new DockerfileParseError('unterminated heredoc', startLine);
  }
}
