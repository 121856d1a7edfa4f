import type { Instruction } from './ast.js';

/** One build stage (one FROM instruction). */
export interface Stage {
  /** Lowercased `AS` name, when given and valid. */
  name?: string | undefined;
  /** The FROM instruction has BuildKit's shape (`FROM [flags] image [AS name]`). */
  valid: boolean;
}

/** BuildKit's rule for stage names (checked after lowercasing). */
const STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

/** FROM flags BuildKit accepts. */
const FROM_FLAGS = new Set(['platform']);

/**
 * The stages of a Dockerfile in order, checking each FROM as BuildKit's instruction
 * parser does; what it would reject is passed to `report` with the offset of the FROM.
 */
export function collectStages(
  instructions: readonly Instruction[],
  report: (offset: number, message: string) => void,
): Stage[] {
  const stages: Stage[] = [];
  const seen = new Set<string>();
  for (const node of instructions) {
    if (node.name !== 'from') continue;
    const problem = (message: string): void => {
      report(node.keywordSpan.start, `${JSON.stringify(node.original.trim())}: ${message}`);
    };
    for (const flag of node.flags) {
      if (!FROM_FLAGS.has(flag.name)) problem(`unknown flag: ${flag.name}`);
      else if (flag.value === undefined) problem(`missing a value on flag: ${flag.name}`);
    }
    const args = node.args.map((a) => a.value);
    const hasName = args.length === 3 && args[1]?.toLowerCase() === 'as';
    if (args.length !== 1 && !hasName) {
      problem('FROM requires either one or three arguments');
      stages.push({ valid: false });
      continue;
    }
    if (!hasName) {
      stages.push({ valid: true });
      continue;
    }
    const written = args[2] ?? '';
    const name = written.toLowerCase();
    if (!STAGE_NAME.test(name)) {
      problem(
        `invalid name for build stage: ${JSON.stringify(written)}, ` +
          "name can't start with a number or contain symbols",
      );
      stages.push({ valid: false });
      continue;
    }
    if (seen.has(name)) problem(`duplicate stage name ${JSON.stringify(name)}`);
    seen.add(name);
    stages.push({ name, valid: true });
  }
  return stages;
}

/**
 * Whether a `COPY --from` / mount `from=` value names a stage: null when it does not (it
 * is an image or `scratch`), '' when it is a usable stage reference, or a message when
 * it names a stage it cannot use. Names compare case-insensitively; digits are an index.
 */
export function stageCheckProblem(
  value: string,
  stages: readonly Stage[],
  current: number,
): string | null {
  const currentName = stages[current]?.name ?? `stage-${current}`;
  if (/^[+-]?\d+$/.test(value)) {
    const index = Number.parseInt(value, 10);
    if (index < 0 || index >= stages.length) return `invalid stage index ${index}`;
    if (index >= current) {
      const name = JSON.stringify(currentName);
      return `stage index ${index} is not defined before current stage ${name}`;
    }
    return '';
  }
  const lower = value.toLowerCase();
  const index = stages.findIndex((s) => s.name === lower);
  if (index < 0) return null;
  if (index >= current) {
    return (
      `cannot copy from stage ${JSON.stringify(lower)}, it needs to be defined before ` +
      `current stage ${JSON.stringify(currentName)}`
    );
  }
  return '';
}
