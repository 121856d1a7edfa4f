import type { ImageRef } from '../reference/types.js';

/** The kinds of files hubcap reads. */
export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'kubernetes'
  | 'helm'
  | 'workflow'
  | 'gitlab-ci'
  | 'devcontainer'
  | 'kustomize';

/** Where in a file a reference stands, as reported in `scan --json` `kind`. */
export type OccurrenceKind =
  | 'from' // Dockerfile FROM
  | 'copy-from' // Dockerfile COPY --from=<image>
  | 'mount-from' // Dockerfile RUN --mount=...,from=<image>
  | 'syntax' // Dockerfile `# syntax=` frontend image
  | 'compose' // services.*.image
  | 'kubernetes' // containers / initContainers / ephemeralContainers image
  | 'helm' // values.yaml image string or map
  | 'workflow-container' // jobs.*.container
  | 'workflow-service' // jobs.*.services.*.image
  | 'workflow-uses' // steps[].uses: docker://…
  | 'gitlab-ci' // image / services
  | 'devcontainer' // devcontainer.json image
  | 'kustomize'; // kustomization images[].name / newName

/** A half-open range of offsets into the decoded text of a file. */
export interface Span {
  start: number;
  end: number;
}

/**
 * How the reference's value was derived from the text:
 * - `literal`: the text at `span` is the reference (after YAML/JSON unquoting).
 * - `arg`: a Dockerfile reference with `$VAR`s expanded from global ARG defaults.
 * - `fields`: a Helm-style map `{registry, repository, tag, digest}` assembled into one.
 */
export type Derivation = 'literal' | 'arg' | 'fields';

/** Spans of the individual fields of a Helm-style image map (only for `fields`). */
export interface FieldSpans {
  registry?: Span | undefined;
  repository: Span;
  tag?: Span | undefined;
  digest?: Span | undefined;
}

/** One image reference found in one file. */
export interface Occurrence {
  /** Path as the scanner was given it (relative to the scan root, `/`-separated). */
  file: string;
  fileKind: FileKind;
  kind: OccurrenceKind;
  /** 1-based line and column of `span.start`. */
  line: number;
  column: number;
  /** The reference as written at its site (FROM argument, YAML scalar content, …). */
  span: Span;
  raw: string;
  /** The effective reference text (ARGs expanded, Helm fields joined). */
  image: string;
  ref: ImageRef;
  derivation: Derivation;
  /**
   * Where the text spelling the image *name* (registry + repository, without tag or
   * digest) stands, when it is one literal run of characters: the span a mirror rewrite
   * replaces. For `arg` it may lie on an ARG line. Undefined when the name cannot be
   * edited in one place; `nameProblem` then says why.
   */
  nameSpan?: Span | undefined;
  nameProblem?: string | undefined;
  /**
   * Set when the reference must never be edited, with the reason (a kustomize `name`,
   * which has to match the manifests). Rewrites and pins skip it.
   */
  locked?: string | undefined;
  /**
   * The reference names an image this project builds itself (a Compose service with
   * `build:`), so nothing pulls it: never rewritten, pinned, or counted as unpinned.
   */
  builtLocally?: boolean | undefined;
  /** For `fields` derivations: the map's field value spans. */
  fields?: FieldSpans | undefined;
  /** Lines of the global ARGs that fed an `arg` derivation. */
  argLines?: number[] | undefined;
}

/** Something in a user file hubcap could not understand. Never a crash. */
export interface Problem {
  file: string;
  line: number;
  column?: number | undefined;
  message: string;
}

/** Text standing where an image could (`FROM scratch`) that names no image to pull. */
export interface NotAnImage {
  file: string;
  line: number;
  text: string;
  reason: string;
}

export interface ExtractResult {
  occurrences: Occurrence[];
  problems: Problem[];
  /** Shown among the skipped references when rewriting, with the reason. */
  notImages?: NotAnImage[] | undefined;
}

/** Reads one file's decoded text; `file` is only used for reporting. */
export type Extractor = (text: string, file: string) => ExtractResult;
