/**
 * The outcome of resolving one tag to a digest: the digest (`sha256:…`), or why it could not
 * be resolved. `notFound` marks a tag the registry does not have (manifest unknown), which
 * the comment flags.
 */
export type DigestResult = string | { error: string; notFound?: boolean | undefined };

/** Digest outcomes keyed by the occurrence's `ref.normalized`. */
export type DigestResults = ReadonlyMap<string, DigestResult>;
