import { TextDecoder } from 'node:util';

/** How a file's bytes were decoded: UTF-8 when they round-trip, otherwise Latin-1. */
export type TextEncodingName = 'utf8' | 'latin1';

/** A file's decoded text and the encoding that gives back its exact bytes. */
export interface DecodedFile {
  text: string;
  encoding: TextEncodingName;
}

const utf8 = (): TextDecoder => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file so that {@link encodeFile} gives back the same bytes. Valid UTF-8 is
 * decoded as such, a byte order mark kept as U+FEFF at the start of the text; any other
 * bytes are read as Latin-1, one character per byte, which always round-trips.
 */
export function decodeFile(buf: Uint8Array): DecodedFile {
  try {
    const text = utf8().decode(buf);
    if (Buffer.from(text, 'utf8').equals(buf)) return { text, encoding: 'utf8' };
  } catch {
    // Not UTF-8: fall through to Latin-1.
  }
  return { text: Buffer.from(buf).toString('latin1'), encoding: 'latin1' };
}

/**
 * Encodes text back to bytes in the encoding {@link decodeFile} chose. Throws when Latin-1
 * text holds a character above U+00FF, which that encoding cannot write.
 */
export function encodeFile(text: string, encoding: TextEncodingName): Buffer {
  if (encoding === 'latin1') {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0xff) {
        throw new Error(`cannot write ${JSON.stringify(text[i])} at offset ${i} in a Latin-1 file`);
      }
    }
  }
  return Buffer.from(text, encoding);
}
