import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Descriptor } from '../types.js';
import { OCI_INDEX } from '../manifest.js';

/** Content of the `oci-layout` marker file. */
export const OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';

/** Annotation holding the tag in an OCI layout's `index.json`. */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/** Annotation containerd and Docker use for the full image name. */
export const CONTAINERD_NAME_ANNOTATION = 'io.containerd.image.name';

/** Writes `oci-layout` when it is missing or says something else. */
export async function ensureOciLayoutFile(root: string): Promise<void> {
  const file = path.join(root, 'oci-layout');
  let current: string | undefined;
  try {
    current = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (current !== OCI_LAYOUT_CONTENT) await writeFile(file, OCI_LAYOUT_CONTENT);
}

/** The text of an OCI `index.json` listing these manifest descriptors. */
export function ociIndexJson(manifests: Descriptor[]): string {
  return JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
}

/** Writes `index.json` atomically. */
export async function writeOciIndex(root: string, manifests: Descriptor[]): Promise<void> {
  const file = path.join(root, 'index.json');
  const tmp = `${file}.tmp-${process.pid}-${randomUUID()}`;
  await writeFile(tmp, `${ociIndexJson(manifests)}\n`);
  await rename(tmp, file);
}

/**
 * The tag part of a normalized reference (`docker.io/library/node:20` → `20`), or
 * undefined when it has none (digest only).
 */
export function tagOf(ref: string): string | undefined {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(colon + 1) : undefined;
}

/** The descriptor of an image in `index.json`, annotated with its names. */
export function layoutDescriptor(manifest: Descriptor, ref: string): Descriptor {
  const annotations: Record<string, string> = { [CONTAINERD_NAME_ANNOTATION]: ref };
  const tag = tagOf(ref);
  if (tag !== undefined) annotations[REF_NAME_ANNOTATION] = tag;
  return { ...manifest, annotations };
}
