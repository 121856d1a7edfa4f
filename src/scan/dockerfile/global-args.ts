import type { LineIndex } from '../text.js';
import type { Instruction } from './ast.js';
import { processWord } from './shell-lex.js';
import type { EnvEntry, Origin, ShellEnv } from './shell-lex.js';

/**
 * Platform variables BuildKit defines for every build. Their values depend on the builder
 * and the target, so a scan cannot know them.
 */
export const BUILDER_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
]);

/** A global ARG (declared before the first FROM). */
export interface GlobalArg {
  name: string;
  /** 1-based line of the declaration. */
  line: number;
  /** The value after expansion; undefined when there is no default (and no build arg). */
  value?: string | undefined;
  /** Origin (text offset or null) of each unit of `value`. */
  origins: Origin[];
  /** This declaration's line and the lines of the global ARGs its value uses. */
  lines: number[];
  /** Builder platform variables the value depends on. */
  builderVars: string[];
  /** Variables the value uses that have no value. */
  unset: string[];
  /** Why the default could not be evaluated. */
  error?: string | undefined;
}

/** How an expression using global ARGs resolved. */
export interface Resolution {
  result: string;
  origins: Origin[];
  /** Whether the expression used any variable. */
  usedVariables: boolean;
  argLines: number[];
  builderVars: string[];
  unset: string[];
  /** Global ARGs used whose default could not be evaluated. */
  broken: string[];
}

/** The global ARGs of a Dockerfile, evaluated in order as BuildKit does for FROM. */
export class GlobalArgs {
  private readonly args = new Map<string, GlobalArg>();

  constructor(
    private readonly escapeToken: string,
    private readonly lines: LineIndex,
    private readonly buildArgs: Readonly<Record<string, string>> = {},
  ) {}

  /** The declared ARG `name`, if any. */
  get(name: string): GlobalArg | undefined {
    return this.args.get(name);
  }

  /** Variables with a value, for the shell lexer. */
  env(): ShellEnv {
    const env = new Map<string, EnvEntry>();
    for (const arg of this.args.values()) {
      if (arg.value !== undefined) env.set(arg.name, { value: arg.value, origins: arg.origins });
    }
    return env;
  }

  /** Declares every `name[=default]` of a global ARG instruction. */
  declare(instruction: Instruction): void {
    for (const node of instruction.args) {
      const eq = node.value.indexOf('=');
      const name = eq < 0 ? node.value : node.value.slice(0, eq);
      const line = this.lines.line(node.span?.start ?? 0);
      const arg: GlobalArg = { name, line, origins: [], lines: [line], builderVars: [], unset: [] };
      if (Object.hasOwn(this.buildArgs, name)) {
        arg.value = this.buildArgs[name] ?? '';
        arg.origins = new Array<Origin>(arg.value.length).fill(null);
      } else if (eq >= 0) {
        const raw = node.value.slice(eq + 1);
        const offsets = node.offsets?.slice(eq + 1);
        try {
          const resolved = this.resolve(raw, offsets);
          arg.value = resolved.result;
          arg.origins = resolved.origins;
          arg.lines = [...new Set([line, ...resolved.argLines])].sort((a, b) => a - b);
          arg.builderVars = resolved.builderVars;
          arg.unset = resolved.unset;
          if (resolved.broken.length > 0) {
            arg.error = `it uses ARG ${resolved.broken.join(', ')}, which could not be evaluated`;
          }
        } catch (error) {
          arg.error = error instanceof Error ? error.message : String(error);
        }
      }
      this.args.set(name, arg);
    }
  }

  /**
   * Expands `word` (text as written, `offsets` its text offsets) with the global ARGs.
   * Throws a ShellLexError for a word the lexer rejects.
   */
  resolve(word: string, offsets?: readonly Origin[]): Resolution {
    const processed = processWord(word, this.env(), { escapeToken: this.escapeToken }, offsets);
    const names = [...processed.matched, ...processed.unmatched];
    const argLines = new Set<number>();
    const builderVars = new Set<string>();
    const unset = new Set<string>();
    const broken: string[] = [];
    for (const name of names) {
      const arg = this.args.get(name);
      if (arg !== undefined) for (const line of arg.lines) argLines.add(line);
      if (arg?.error !== undefined) broken.push(name);
      if (arg?.value === undefined) {
        if (BUILDER_ARGS.has(name)) builderVars.add(name);
        else if (arg?.error === undefined) unset.add(name);
        continue;
      }
      for (const v of arg.builderVars) builderVars.add(v);
      for (const v of arg.unset) unset.add(v);
    }
    return {
      result: processed.result,
      origins: processed.origins,
      usedVariables: names.length > 0,
      argLines: [...argLines].sort((a, b) => a - b),
      builderVars: [...builderVars].sort(),
      unset: [...unset].sort(),
      broken,
    };
  }
}
