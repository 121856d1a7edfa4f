import { ConfigError } from './errors.js';

/** Splits a list input: newline- or comma-separated, trimmed, `#` comment lines dropped. */
export function parseList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'));
}

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** Parses a YAML 1.2 core boolean; anything else is an error naming the input. */
export function parseBoolean(name: string, value: string): boolean {
  if (TRUE.has(value.trim())) return true;
  if (FALSE.has(value.trim())) return false;
  throw new ConfigError(`Input "${name}" must be true or false, got ${JSON.stringify(value)}`);
}

/** Parses one of a fixed set of words; errors list the accepted words. */
export function parseChoice<T extends string>(
  name: string,
  value: string,
  choices: readonly T[],
): T {
  const found = choices.find((c) => c === value.trim());
  if (found === undefined) {
    throw new ConfigError(
      `Input "${name}" must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return found;
}
