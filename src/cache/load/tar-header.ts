/**
 * The few ustar records an image archive needs: regular files and directories with short
 * names, owner 0, a fixed time. Sizes of 8 GiB and more use the base-256 form that Go's
 * archive/tar (Docker, skopeo) and GNU tar read.
 */

/** Size of a tar block; entries are padded to it. */
export const TAR_BLOCK = 512;

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(2 * TAR_BLOCK);

/** One archive entry's header fields. */
export interface TarEntry {
  /** Path in the archive, at most 100 bytes (directories get a trailing `/`). */
  name: string;
  type: 'file' | 'directory';
  /** Bytes of content (0 for a directory). */
  size: number;
  /** Modification time in seconds since the epoch (default 0). */
  mtime?: number;
}

const OCTAL_SIZE_MAX = 8 ** 11 - 1;

/** The 512-byte ustar header of an entry. */
export function tarHeader(entry: TarEntry): Buffer {
  const name = entry.type === 'directory' ? `${entry.name.replace(/\/$/, '')}/` : entry.name;
  if (Buffer.byteLength(name) > 100) {
    throw new Error(`tar entry name longer than 100 bytes: ${JSON.stringify(name)}`);
  }
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) {
    throw new Error(`tar entry ${JSON.stringify(name)}: bad size ${entry.size}`);
  }
  const h = Buffer.alloc(TAR_BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, entry.type === 'directory' ? 0o755 : 0o644);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  if (entry.size <= OCTAL_SIZE_MAX) octal(h, 124, 12, entry.size);
  else base256(h, 124, 12, entry.size);
  octal(h, 136, 12, entry.mtime ?? 0);
  h.write(entry.type === 'directory' ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  octal(h, 329, 8, 0); // devmajor
  octal(h, 337, 8, 0); // devminor
  // the checksum is taken with its own field as spaces
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return h;
}

/** Zero bytes that pad `size` bytes of content to a whole block. */
export function tarPadding(size: number): Buffer {
  const rest = size % TAR_BLOCK;
  return rest === 0 ? EMPTY : PADDING.subarray(0, TAR_BLOCK - rest);
}

const EMPTY = Buffer.alloc(0);
const PADDING = Buffer.alloc(TAR_BLOCK);

/** `value` as zero-padded octal digits and a NUL, filling `length` bytes at `offset`. */
function octal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

/** `value` big-endian in base 256 with the high bit of the first byte set. */
function base256(h: Buffer, offset: number, length: number, value: number): void {
  let v = BigInt(value);
  for (let i = offset + length - 1; i > offset; i--) {
    h[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  h[offset] = 0x80;
}
