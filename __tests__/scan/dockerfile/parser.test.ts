import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/scan/types.js';
import { DockerfileParseError } from '../../../src/scan/dockerfile/ast.js';
import { detectSyntax } from '../../../src/scan/dockerfile/directives.js';
import { dump } from '../../../src/scan/dockerfile/dump.js';
import { parseDockerfile } from '../../../src/scan/dockerfile/parser.js';

function at(text: string, span: Span | undefined): string | undefined {
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

function parseError(text: string): { reason: string; line: number } {
  try {
    parseDockerfile(text);
  } catch (error) {
    if (error instanceof DockerfileParseError) return { reason: error.reason, line: error.line };
    throw error;
  }
  throw new Error('parsed');
}

describe('offsets', () => {
  it('keeps exact offsets with a BOM and CRLF line endings', () => {
    const text = '\ufeffFROM alpine AS base\r\nRUN echo \\\r\n  hi\r\n';
    const ast = parseDockerfile(text);
    const [from, run] = ast.instructions;
    expect(from?.keywordSpan).toEqual({ start: 1, end: 5 });
    expect(from?.args.map((a) => a.span)).toEqual([
      { start: 6, end: 12 },
      { start: 13, end: 15 },
      { start: 16, end: 20 },
    ]);
    expect(run?.args[0]?.value).toBe('echo   hi');
    expect(run?.args[0]?.span).toEqual({ start: 26, end: 38 });
    expect(run?.args[0]?.offsets).toEqual([26, 27, 28, 29, 30, 34, 35, 36, 37]);
    expect([run?.startLine, run?.endLine]).toEqual([2, 3]);
    expect(dump(ast)).toBe('(from "alpine" "AS" "base")\n(run "echo   hi")');
  });

  it('maps flag values through quotes and escapes', () => {
    const text = 'COPY --chown=1:1 --from="my stage" a\\ b /dst\n';
    const [copy] = parseDockerfile(text).instructions;
    const from = copy?.flags[1];
    expect(from?.text).toBe('--from=my stage');
    expect([from?.name, from?.value]).toEqual(['from', 'my stage']);
    expect(at(text, from?.span)).toBe('--from="my stage"');
    expect(from?.valueOffsets).toEqual([25, 26, 27, 28, 29, 30, 31, 32]);
    expect(copy?.args.map((a) => a.value)).toEqual(['a\\', 'b', '/dst']);
    expect(copy?.argsText).toBe('a\\ b /dst');
  });

  it('gives JSON-form arguments the span of their string literal', () => {
    const text = 'CMD ["a", "b \\"c\\""]\n';
    const [cmd] = parseDockerfile(text).instructions;
    expect(cmd?.json).toBe(true);
    expect(cmd?.args.map((a) => [a.value, at(text, a.span), a.offsets])).toEqual([
      ['a', '"a"', undefined],
      ['b "c"', '"b \\"c\\""', undefined],
    ]);
  });

  it('splits ENV pairs into key, value and separator nodes with their spans', () => {
    const text = 'ENV A=1 B="x y"\nENV C old form\n';
    const [env1, env2] = parseDockerfile(text).instructions;
    expect(env1?.args.map((a) => [a.value, at(text, a.span)])).toEqual([
      ['A', 'A'],
      ['1', '1'],
      ['=', '='],
      ['B', 'B'],
      ['"x y"', '"x y"'],
      ['=', '='],
    ]);
    expect(env2?.args.map((a) => [a.value, at(text, a.span)])).toEqual([
      ['C', 'C'],
      ['old form', 'old form'],
      ['', undefined],
    ]);
  });
});

describe('parser directives', () => {
  it('switches the escape token with # escape=`', () => {
    const text = '# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo\n';
    const ast = parseDockerfile(text);
    expect(ast.escapeToken).toBe('`');
    expect(ast.directives).toEqual([
      { name: 'escape', value: '`', line: 1, valueSpan: { start: 9, end: 10 } },
    ]);
    expect(ast.instructions[1]?.args[0]?.value).toBe('dir c:\\   && echo');
    expect(ast.instructions[1]?.endLine).toBe(4);
  });

  it('reads directives only before anything else', () => {
    const afterInstruction = parseDockerfile('FROM a\n# escape=`\nRUN x `\nRUN y\n');
    expect(afterInstruction.escapeToken).toBe('\\');
    expect(afterInstruction.instructions.map((n) => n.args[0]?.value)).toEqual(['a', 'x `', 'y']);
    expect(parseDockerfile('\n# escape=`\nFROM a\n').escapeToken).toBe('\\');
    expect(parseDockerfile('# note\n# escape=`\nFROM a\n').escapeToken).toBe('\\');
    const both = parseDockerfile('# syntax = docker/dockerfile:1\n#ESCAPE=`\nFROM a\n');
    expect(both.directives.map((d) => [d.name, d.value, d.line])).toEqual([
      ['syntax', 'docker/dockerfile:1', 1],
      ['escape', '`', 2],
    ]);
    expect(both.escapeToken).toBe('`');
  });

  it('rejects a repeated directive and an invalid escape token', () => {
    expect(parseError('# escape=`\n# escape=\\\nFROM a\n')).toEqual({
      reason: 'only one escape parser directive can be used',
      line: 2,
    });
    expect(parseError('# escape=x\nFROM a\n')).toEqual({
      reason: "invalid escape token 'x' does not match ` or \\",
      line: 1,
    });
  });

  it('detects the syntax directive like BuildKit, after a shebang and not after FROM', () => {
    const text = '#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1.7 extra=1\nFROM a\n';
    const syntax = detectSyntax(text);
    expect(syntax?.value).toBe('docker/dockerfile:1.7');
    expect(syntax?.line).toBe(2);
    expect(at(text, syntax?.valueSpan)).toBe('docker/dockerfile:1.7');
    expect(detectSyntax('FROM a\n# syntax=docker/dockerfile:1\n')).toBeUndefined();
    expect(detectSyntax('\ufeff# syntax=x/y\nFROM a\n')?.valueSpan).toEqual({ start: 10, end: 13 });
  });
});

describe('continuation lines', () => {
  it('drops comment lines and empty lines inside a continuation', () => {
    const text = 'FROM a\nRUN a \\\n# c1\n  # c2\n\n  b \\\n\n  c\nRUN d\n';
    const ast = parseDockerfile(text);
    const run = ast.instructions[1];
    expect(run?.args[0]?.value).toBe('a   b   c');
    expect([run?.startLine, run?.endLine]).toEqual([2, 8]);
    expect(ast.warnings).toEqual([
      { message: 'Empty continuation line found in: RUN a   b   c', line: 8 },
    ]);
    expect(ast.instructions[2]?.startLine).toBe(9);
  });

  it('does not continue after an escaped escape character', () => {
    const ast = parseDockerfile('FROM a\nRUN echo \\\\\nRUN b\n');
    expect(ast.instructions.map((n) => n.args[0]?.value)).toEqual(['a', 'echo \\\\', 'b']);
  });

  it('accepts lower-case and mixed-case instructions', () => {
    const text = 'from alpine as build\nRun echo\ncOpY --from=build a b\n';
    const ast = parseDockerfile(text);
    expect(ast.instructions.map((n) => [n.keyword, n.name])).toEqual([
      ['from', 'from'],
      ['Run', 'run'],
      ['cOpY', 'copy'],
    ]);
    expect(dump(ast)).toBe(
      '(from "alpine" "as" "build")\n(run "echo")\n(copy ["--from=build"] "a" "b")',
    );
  });
});

describe('heredocs', () => {
  it('reads a heredoc followed directly by an instruction', () => {
    const text = 'FROM a\nRUN <<EOF\necho hi\nEOF\nFROM b\n';
    const ast = parseDockerfile(text);
    expect(ast.instructions.map((n) => [n.name, n.startLine, n.endLine])).toEqual([
      ['from', 1, 1],
      ['run', 2, 4],
      ['from', 5, 5],
    ]);
    const [doc] = ast.instructions[1]?.heredocs ?? [];
    expect(doc).toEqual({
      name: 'EOF',
      fileDescriptor: 0,
      expand: true,
      chomp: false,
      content: 'echo hi\n',
      contentSpan: { start: 17, end: 25 },
      terminatorLine: 4,
    });
  });

  it('reads several heredocs on one line, quoted delimiters and <<-', () => {
    const text =
      "FROM a\nCOPY <<A 3<<'B' /dst/\na1\nA\nb1\nB\nRUN <<-EOT\n\techo x\n\tEOT\nRUN c\n";
    const ast = parseDockerfile(text);
    const copy = ast.instructions[1];
    expect(copy?.heredocs.map((d) => [d.name, d.fileDescriptor, d.expand, d.content])).toEqual([
      ['A', 0, true, 'a1\n'],
      ['B', 3, false, 'b1\n'],
    ]);
    expect(copy?.args.map((a) => a.value)).toEqual(['<<A', "3<<'B'", '/dst/']);
    const run = ast.instructions[2];
    expect(run?.heredocs.map((d) => [d.name, d.chomp, d.content])).toEqual([
      ['EOT', true, '\techo x\n'],
    ]);
    expect([run?.startLine, run?.endLine]).toEqual([7, 9]);
    expect(ast.instructions[3]?.startLine).toBe(10);
  });

  it('treats lines that look like instructions inside a heredoc as body text', () => {
    const text = 'FROM a\nRUN <<EOF\nFROM ubuntu\n# escape=`\nEOF\n';
    const ast = parseDockerfile(text);
    expect(ast.instructions.length).toBe(2);
    expect(ast.instructions[1]?.heredocs[0]?.content).toBe('FROM ubuntu\n# escape=`\n');
  });

  it('ignores << in the JSON form and in other instructions', () => {
    const ast = parseDockerfile('FROM a\nRUN ["cat", "<<EOF"]\nENV X=<<EOF\nRUN b\n');
    expect(ast.instructions.map((n) => n.heredocs.length)).toEqual([0, 0, 0, 0]);
  });

  it('reads heredocs of an ONBUILD RUN', () => {
    const ast = parseDockerfile('FROM a\nONBUILD RUN <<EOF\nx\nEOF\n');
    expect(ast.instructions[1]?.sub?.name).toBe('run');
    expect(ast.instructions[1]?.heredocs.map((d) => d.content)).toEqual(['x\n']);
  });

  it('fails on an unterminated heredoc', () => {
    expect(parseError('FROM a\nRUN <<EOF\necho\n')).toEqual({
      reason: 'unterminated heredoc',
      line: 2,
    });
  });
});
