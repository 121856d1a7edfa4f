import { ConfigError } from './errors.js';

/** Parses an optional whole number ≥ 0; empty means undefined. */
export function parseCount(name: string, value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (!/^\d+$/.test(text)) {
    throw new ConfigError(`Input "${name}" must be a whole number, got ${JSON.stringify(value)}`);
  }
  return Number(text);
}
