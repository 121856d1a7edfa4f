/** A parsed image reference, normalized the way Docker's distribution/reference does it. */
export interface ImageRef {
  /** Registry host (with port), after normalization: `docker.io`, `ghcr.io`, `localhost:5000`. */
  registry: string;
  /** Repository path on that registry: `library/node`, `acme/app`. */
  repository: string;
  /** Tag exactly as written, or undefined. Never an added `latest`. */
  tag?: string | undefined;
  /** Digest exactly as written (`sha256:…`), or undefined. */
  digest?: string | undefined;
  /** `ParseNormalizedNamed(...).String()`: `docker.io/library/node:20`, no added `:latest`. */
  normalized: string;
  /** `FamiliarString`: `node:20`, `acme/app@sha256:…`. */
  familiar: string;
  /** Registry is Docker Hub (`docker.io`, `index.docker.io`, `registry-1.docker.io`). */
  isDockerHub: boolean;
  /** Has a digest. */
  pinned: boolean;
}

/** A reference that does not follow the grammar; `message` says why, quoting the value. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid image reference ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}
