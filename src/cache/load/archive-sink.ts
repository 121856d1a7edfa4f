import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * Where an archive's bytes go. `write` resolves once the bytes are taken, after which the
 * writer may reuse the buffer: blobs stream through two fixed buffers instead of a new one
 * per chunk, which keeps the writer's CPU close to `cat`'s and leaves the cores to the
 * loader.
 */
export interface ArchiveSink {
  write(bytes: Buffer): Promise<void>;
  /** Ends the output (a stream is ended; a file handle is left to its owner to close). */
  end(): Promise<void>;
  /** Gives up on the output after a failure. */
  abort(err: Error): void;
}

/** What archive writers accept: a stream, or an open file or pipe they write directly. */
export type ArchiveOutput = Writable | FileHandle;

/** A sink over either kind of output. */
export function archiveSink(out: ArchiveOutput): ArchiveSink {
  return out instanceof Writable ? streamSink(out) : handleSink(out);
}

/** Writes straight to a file descriptor: no copy, no stream machinery. */
function handleSink(handle: FileHandle): ArchiveSink {
  return {
    async write(bytes) {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
    },
    end: () => Promise.resolve(),
    abort: () => undefined,
  };
}

/** Writes to a stream, copying each chunk (a stream may hold on to it after the write). */
function streamSink(out: Writable): ArchiveSink {
  let failure: Error | undefined;
  out.on('error', (err) => {
    failure ??= err;
  });
  const check = (): void => {
    if (failure !== undefined) throw failure;
    if (out.destroyed) throw new Error('the archive output was closed');
  };
  return {
    async write(bytes) {
      check();
      if (!out.write(Buffer.from(bytes))) {
        await drainedOrClosed(out);
        check();
      }
    },
    async end() {
      check();
      out.end();
      if (!out.writableFinished) await once(out, 'finish');
    },
    abort(err) {
      out.destroy(err);
    },
  };
}

/** Resolves when `out` drains or closes, leaving no listener behind. */
function drainedOrClosed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
