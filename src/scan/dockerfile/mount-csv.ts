/** Text with the file offset of each of its UTF-16 units. */
export interface MappedText {
  value: string;
  offsets: number[];
}

/**
 * Reads one CSV record the way Go's `encoding/csv` does with default settings: fields
 * split at `,`; a field starting with `"` is quoted (`""` is a quote); a quote anywhere
 * else is an error. Throws an Error naming the problem.
 */
export function parseCsvRecord(input: MappedText): MappedText[] {
  const { value, offsets } = input;
  if (value === '') throw new Error('EOF');
  const fields: MappedText[] = [];
  let i = 0;
  for (;;) {
    const field: MappedText = { value: '', offsets: [] };
    const take = (at: number): void => {
      field.value += value.charAt(at);
      field.offsets.push(offsets[at] ?? 0);
    };
    if (value.charAt(i) === '"') {
      i++;
      for (;;) {
        if (i >= value.length) throw new Error('extraneous or missing " in quoted-field');
        if (value.charAt(i) === '"') {
          if (value.charAt(i + 1) === '"') {
            take(i);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        take(i);
        i++;
      }
      if (i < value.length && value.charAt(i) !== ',') {
        throw new Error('extraneous or missing " in quoted-field');
      }
    } else {
      while (i < value.length && value.charAt(i) !== ',') {
        if (value.charAt(i) === '"') throw new Error('bare " in non-quoted-field');
        take(i);
        i++;
      }
    }
    fields.push(field);
    if (i >= value.length) return fields;
    i++;
  }
}

/** What a `--mount` flag says about where the mount's files come from. */
export interface MountSource {
  /** Lowercased mount type (`bind` when not given). */
  type: string;
  /** The `from=` value, when present. */
  from?: MappedText | undefined;
}

/**
 * The type and `from=` of a `RUN --mount=…` value (BuildKit's `parseMount`: CSV fields,
 * keys compared case-insensitively, the last occurrence of a key wins). Throws an Error
 * with BuildKit's message for a value that is not CSV.
 */
export function parseMountSource(input: MappedText): MountSource {
  let fields: MappedText[];
  try {
    fields = parseCsvRecord(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`failed to parse csv mounts: ${reason}`);
  }
  const source: MountSource = { type: 'bind' };
  for (const field of fields) {
    const eq = field.value.indexOf('=');
    if (eq < 0) continue;
    const key = field.value.slice(0, eq).toLowerCase();
    const value = { value: field.value.slice(eq + 1), offsets: field.offsets.slice(eq + 1) };
    if (key === 'type') source.type = value.value.toLowerCase();
    else if (key === 'from') source.from = value;
  }
  return source;
}
