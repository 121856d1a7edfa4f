import type { DockerfileAst, Instruction } from './ast.js';
import { goQuote } from './go-text.js';

/** One instruction as a BuildKit s-expression: `from ["--platform=x"] "alpine"`. */
function dumpInstruction(node: Instruction): string {
  let out = node.name;
  if (node.flags.length > 0) out += ` [${node.flags.map((f) => goQuote(f.text)).join(' ')}]`;
  if (node.sub !== undefined) out += ` (${dumpInstruction(node.sub)})`;
  for (const arg of node.args) out += ` ${goQuote(arg.value)}`;
  return out.trim();
}

/**
 * BuildKit's `AST.Dump()`: one `(instruction …)` line per instruction, joined by newlines
 * (no trailing newline).
 */
export function dump(ast: DockerfileAst): string {
  return ast.instructions.map((node) => `(${dumpInstruction(node)})`).join('\n');
}
