import type { Span } from '../types.js';

/** A parser directive from the top of the file (`# escape=`, `# syntax=`, `# check=`). */
export interface Directive {
  /** Lowercased directive name. */
  name: string;
  /** The value as written (surrounding white space removed). */
  value: string;
  /** 1-based line of the directive. */
  line: number;
  /** Where the value stands in the text. */
  valueSpan: Span;
}

/**
 * One builder flag (`--from=build`), after BuildKit's flag word processing (quotes removed,
 * backslash escapes resolved).
 */
export interface InstructionFlag {
  /** The processed flag word as BuildKit keeps it: `--from=build`. */
  text: string;
  /** Name between `--` and the first `=`: `from`. */
  name: string;
  /** Text after the first `=`, or undefined for a bare `--flag`. */
  value: string | undefined;
  /** Span of the flag word in the text (quotes included). */
  span: Span;
  /** Text offset of every UTF-16 unit of `value` (empty when there is no value). */
  valueOffsets: number[];
}

/** One argument node of an instruction (one element of BuildKit's `Next` chain). */
export interface InstructionArg {
  /** The node value exactly as BuildKit stores it (JSON strings decoded, quotes kept). */
  value: string;
  /**
   * Where the argument's text stands, when it has a site: undefined for the separators
   * BuildKit adds to ENV/LABEL pairs.
   */
  span?: Span | undefined;
  /** Text offset of every UTF-16 unit of `value`, when `value` is a copy of text. */
  offsets?: number[] | undefined;
}

/** A here-document attached to a RUN, COPY or ADD instruction. */
export interface Heredoc {
  /** Delimiter word with quotes removed. */
  name: string;
  /** File descriptor written before `<<` (`3<<EOF`), 0 when absent. */
  fileDescriptor: number;
  /** False when the delimiter was quoted, so variables in the body are not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  chomp: boolean;
  /** Body text, line endings included, exactly as in the file. */
  content: string;
  /** Span of the body. */
  contentSpan: Span;
  /** 1-based line of the terminator. */
  terminatorLine: number;
}

/** One instruction with everything needed to locate its parts in the text. */
export interface Instruction {
  /** The instruction keyword as written (`from`, `FROM`). */
  keyword: string;
  /** Lowercased keyword (`from`). */
  name: string;
  keywordSpan: Span;
  flags: InstructionFlag[];
  /** Argument nodes as BuildKit's parser builds them. */
  args: InstructionArg[];
  /** The arguments were a JSON array (exec form). */
  json: boolean;
  /** ONBUILD's nested instruction. */
  sub?: Instruction | undefined;
  /** Here-documents, in order. */
  heredocs: Heredoc[];
  /** The logical line after continuation joining and comment removal. */
  original: string;
  /** The argument text after the flags (trimmed), and its span in the text. */
  argsText: string;
  argsSpan: Span;
  /** 1-based first and last physical line (here-documents included). */
  startLine: number;
  endLine: number;
  /** Comment lines directly above the instruction, without `#`. */
  comments: string[];
}

/** A non-fatal parser warning (BuildKit reports these but keeps going). */
export interface ParseWarning {
  message: string;
  line: number;
}

/** The parsed Dockerfile. */
export interface DockerfileAst {
  instructions: Instruction[];
  directives: Directive[];
  /** The escape token in effect: `\` or `` ` ``. */
  escapeToken: string;
  warnings: ParseWarning[];
  /** 1-based first and last line holding an instruction. */
  startLine: number;
  endLine: number;
}

/** The Dockerfile cannot be parsed at all (BuildKit's parser fails). */
export class DockerfileParseError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based line the error is reported on. */
    readonly line: number,
  ) {
    super(`Dockerfile parse error on line ${line}: ${reason}`);
    this.name = 'DockerfileParseError';
  }
}
