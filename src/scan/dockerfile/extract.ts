import { InvalidReferenceError } from '../../reference/types.js';
import type { ImageRef } from '../../reference/types.js';
import { parseReference } from '../../reference/parse.js';
import { LineIndex } from '../text.js';
import type {
  Derivation,
  ExtractResult,
  Extractor,
  Occurrence,
  OccurrenceKind,
  Problem,
  Span,
  NotAnImage,
} from '../types.js';
import type { Instruction, InstructionFlag } from './ast.js';
import { DockerfileParseError } from './ast.js';
import { detectSyntax } from './directives.js';
import { GlobalArgs } from './global-args.js';
import type { Resolution } from './global-args.js';
import { isKnownInstruction } from './line-parsers.js';
import { parseMountSource } from './mount-csv.js';
import type { MappedText } from './mount-csv.js';
import { nameSite } from './name-span.js';
import { parseDockerfile } from './parser.js';
import type { Origin } from './shell-lex.js';
import { collectStages, stageCheckProblem } from './stages.js';
import type { Stage } from './stages.js';

/** Options for {@link extractDockerfileWith}. */
export interface DockerfileExtractOptions {
  /** `--build-arg` values assumed for the scan (they replace global ARG defaults). */
  buildArgs?: Readonly<Record<string, string>> | undefined;
}

/**
 * Finds every image a build of the Dockerfile pulls: FROM bases (global ARGs expanded from
 * their defaults), `COPY --from=<image>`, `RUN --mount=…,from=<image>`, and the
 * `# syntax=` frontend image. Stage names, stage indexes and `scratch` are not images.
 * Problems are reported, never thrown; a file that does not parse gives one problem.
 */
export const extractDockerfile: Extractor = (text, file) => extractDockerfileWith(text, file);

/** {@link extractDockerfile} with build arguments assumed. */
export function extractDockerfileWith(
  text: string,
  file: string,
  options: DockerfileExtractOptions = {},
): ExtractResult {
  let ast;
  try {
    ast = parseDockerfile(text);
  } catch (error) {
    if (!(error instanceof DockerfileParseError)) throw error;
    return { occurrences: [], problems: [{ file, line: error.line, message: error.message }] };
  }
  const run = new Extraction(text, file, ast.escapeToken, options);
  run.syntax();
  const stages = collectStages(ast.instructions, (offset, message) => {
    run.problem(offset, message);
  });
  run.walk(ast.instructions, stages);
  const problems = [...run.problems].sort((a, b) => a.line - b.line);
  return { occurrences: run.occurrences, problems, notImages: run.notImages };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function offsetsOf(span: Span): number[] {
  return Array.from({ length: span.end - span.start }, (_, i) => span.start + i);
}

/** Span of mapped text in the file, widened to a pair of quotes right around it. */
function siteOf(text: string, offsets: readonly number[]): Span {
  const start = offsets[0] ?? 0;
  const end = (offsets[offsets.length - 1] ?? start - 1) + 1;
  const before = text.charAt(start - 1);
  if ((before === '"' || before === "'") && text.charAt(end) === before) {
    return { start: start - 1, end: end + 1 };
  }
  return { start, end };
}

interface Found {
  kind: OccurrenceKind;
  span: Span;
  image: string;
  origins: readonly Origin[];
  derivation: Derivation;
  argLines?: number[] | undefined;
}

/** Why `scratch` is passed over. */
export const SCRATCH_REASON = 'scratch: the empty base image, nothing is pulled';

class Extraction {
  readonly occurrences: Occurrence[] = [];
  readonly problems: Problem[] = [];
  readonly notImages: NotAnImage[] = [];
  private readonly lines: LineIndex;
  private readonly globals: GlobalArgs;

  constructor(
    private readonly text: string,
    private readonly file: string,
    escapeToken: string,
    options: DockerfileExtractOptions,
  ) {
    this.lines = new LineIndex(text);
    this.globals = new GlobalArgs(escapeToken, this.lines, options.buildArgs);
  }

  /** Records a problem at a text offset. */
  problem(offset: number, message: string): void {
    const line = this.lines.line(offset);
    this.problems.push({ file: this.file, line, column: this.lines.column(offset), message });
  }

  /** Parses `found.image` and records an occurrence, or a problem naming the value. */
  private add(found: Found, what: string): void {
    let ref: ImageRef;
    try {
      ref = parseReference(found.image);
    } catch (error) {
      if (!(error instanceof InvalidReferenceError)) throw error;
      this.problem(found.span.start, `${what}: ${error.message}`);
      return;
    }
    const raw = this.text.slice(found.span.start, found.span.end);
    const site = nameSite(this.text, found.image, found.origins, this.lines);
    this.occurrences.push({
      file: this.file,
      fileKind: 'dockerfile',
      kind: found.kind,
      line: this.lines.line(found.span.start),
      column: this.lines.column(found.span.start),
      span: found.span,
      raw,
      image: found.image,
      ref,
      derivation: found.derivation,
      nameSpan: site.nameSpan,
      nameProblem: site.nameProblem,
      argLines: found.argLines,
    });
  }

  /** The `# syntax=` frontend image. */
  syntax(): void {
    const directive = detectSyntax(this.text);
    if (directive === undefined) return;
    const span = directive.valueSpan;
    const found: Found = {
      kind: 'syntax',
      span,
      image: directive.value,
      origins: offsetsOf(span),
      derivation: 'literal',
    };
    this.add(found, `syntax directive ${quote(directive.value)}`);
  }

  walk(instructions: readonly Instruction[], stages: readonly Stage[]): void {
    let current = -1;
    for (const node of instructions) {
      if (node.name === 'from') {
        current++;
        this.from(node, stages, current);
        continue;
      }
      if (!isKnownInstruction(node.name)) {
        this.problem(node.keywordSpan.start, `unknown instruction: ${quote(node.keyword)}`);
        continue;
      }
      if (current < 0) {
        if (node.name === 'arg') this.globals.declare(node);
        else
          this.problem(
            node.keywordSpan.start,
            `${node.keyword} before the first FROM: no build stage in current context`,
          );
        continue;
      }
      if (node.name === 'copy') this.copyFrom(node, stages, current);
      if (node.name === 'run') this.mountFrom(node, stages, current);
    }
  }

  /** Notes a `scratch` base: no image, so nothing to rewrite or pin. */
  private scratch(offset: number, text: string): void {
    const line = this.lines.line(offset);
    this.notImages.push({ file: this.file, line, text, reason: SCRATCH_REASON });
  }

  private from(node: Instruction, stages: readonly Stage[], index: number): void {
    const stage = stages[index];
    const base = node.args[0];
    if (stage === undefined || !stage.valid || base?.span === undefined) return;
    const span = base.span;
    const raw = this.text.slice(span.start, span.end);
    const what = `FROM ${quote(raw)}`;
    let resolution: Resolution;
    try {
      resolution = this.globals.resolve(base.value, base.offsets ?? offsetsOf(span));
    } catch (error) {
      this.problem(span.start, `${what}: ${error instanceof Error ? error.message : error}`);
      return;
    }
    const why = this.unresolved(resolution);
    const image = resolution.result;
    if (why !== undefined && (resolution.builderVars.length > 0 || image === '')) {
      this.problem(span.start, `${what}: ${why}`);
      return;
    }
    if (image === '') {
      this.problem(span.start, `${what}: base name should not be blank`);
      return;
    }
    if (stages.slice(0, index).some((s) => s.name !== undefined && s.name === image)) return;
    if (image === 'scratch') return this.scratch(span.start, raw);
    if (why !== undefined) {
      try {
        parseReference(image);
      } catch {
        this.problem(span.start, `${what} expands to ${quote(image)}: ${why}`);
        return;
      }
    }
    this.add(
      {
        kind: 'from',
        span,
        image,
        origins: resolution.origins,
        derivation: resolution.usedVariables ? 'arg' : 'literal',
        argLines: resolution.usedVariables ? resolution.argLines : undefined,
      },
      resolution.usedVariables ? `${what} expands to ${quote(image)}` : what,
    );
  }

  /** Why a resolution cannot be trusted, or undefined. */
  private unresolved(resolution: Resolution): string | undefined {
    if (resolution.builderVars.length > 0) {
      const names = resolution.builderVars.join(', ');
      return `it depends on ${names}, which the builder sets; cannot resolve`;
    }
    if (resolution.broken.length > 0) {
      return `ARG ${resolution.broken.join(', ')} could not be evaluated; cannot resolve`;
    }
    if (resolution.unset.length > 0) {
      const names = resolution.unset.map((n) => `$${n}`).join(', ');
      return `${names} is not set by a default; cannot resolve`;
    }
    return undefined;
  }

  private copyFrom(node: Instruction, stages: readonly Stage[], current: number): void {
    const flags = node.flags.filter((f) => f.name === 'from');
    const flag = flags[0];
    if (flag === undefined) return;
    if (flags.length > 1) this.problem(flags[1]?.span.start ?? 0, 'duplicate flag: --from');
    if (flag.value === undefined) {
      this.problem(flag.span.start, 'missing a value on flag: --from');
      return;
    }
    if (flag.value.includes('$')) {
      this.problem(
        flag.span.start,
        `COPY --from=${quote(flag.value)}: variable expansion is not supported for --from, ` +
          'define a new stage with FROM using ARG from global scope as a workaround',
      );
      return;
    }
    this.source(flagText(flag), 'copy-from', `COPY --from=${quote(flag.value)}`, stages, current);
  }

  private mountFrom(node: Instruction, stages: readonly Stage[], current: number): void {
    for (const flag of node.flags) {
      if (flag.name !== 'mount' || flag.value === undefined) continue;
      let from: MappedText | undefined;
      let type: string;
      try {
        ({ from, type } = parseMountSource(flagText(flag)));
      } catch (error) {
        this.problem(flag.span.start, `${quote(flag.text)}: ${(error as Error).message}`);
        continue;
      }
      if (from === undefined || from.value === '' || type === 'tmpfs') continue;
      const what = `RUN --mount from=${quote(from.value)}`;
      if (/\$[^]/u.test(from.value)) {
        this.problem(
          from.offsets[0] ?? flag.span.start,
          `${what}: 'from' doesn't support variable expansion, define alias stage instead`,
        );
        continue;
      }
      if (type === 'secret') {
        this.problem(from.offsets[0] ?? flag.span.start, `${what}: secret mount with a from`);
        continue;
      }
      this.source(from, 'mount-from', what, stages, current);
    }
  }

  /** A `--from` / `from=` value: a stage, a stage index, `scratch`, or an image. */
  private source(
    value: MappedText,
    kind: OccurrenceKind,
    what: string,
    stages: readonly Stage[],
    current: number,
  ): void {
    const at = value.offsets[0] ?? 0;
    const stageProblem = stageCheckProblem(value.value, stages, current);
    if (stageProblem !== null) {
      if (stageProblem !== '') this.problem(at, `${what}: ${stageProblem}`);
      return;
    }
    if (value.value === 'scratch') return this.scratch(at, value.value);
    const found: Found = {
      kind,
      span: siteOf(this.text, value.offsets),
      image: value.value,
      origins: value.offsets,
      derivation: 'literal',
    };
    this.add(found, what);
  }
}

function flagText(flag: InstructionFlag): MappedText {
  return { value: flag.value ?? '', offsets: flag.valueOffsets };
}
