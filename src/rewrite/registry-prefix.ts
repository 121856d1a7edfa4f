import { ANCHORED_DOMAIN_AND_PORT, PATH_COMPONENT } from '../reference/regexp.js';
import { isDockerHubHost } from '../reference/parse.js';

/** A registry host (with optional port) and a repository path prefix under it. */
export interface RegistryPrefix {
  /** `mirror.example.com`, `localhost:5000`. */
  host: string;
  /** Path segments joined by `/`, or `''` for the registry root. */
  path: string;
}

const ANCHORED_PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/**
 * Splits `host[:port][/path]` and checks it against the reference grammar. Returns why the
 * text is not a registry prefix, as a phrase, instead of throwing. The host must be one
 * Docker reads as a registry (it has a `.` or a `:port`, or is `localhost`); `acme/app`
 * would be a Docker Hub namespace.
 */
export function splitRegistryPrefix(text: string): RegistryPrefix | { problem: string } {
  if (text === '') return { problem: 'it is empty' };
  if (/\s/.test(text)) return { problem: 'it contains white space' };
  if (text.includes('://')) return { problem: 'a URL scheme is not part of an image name' };
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const path = slash < 0 ? '' : text.slice(slash + 1);
  if (!ANCHORED_DOMAIN_AND_PORT.test(host)) {
    return { problem: `${JSON.stringify(host)} is not a registry host[:port]` };
  }
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return { problem: `port ${port} is not between 1 and 65535` };
  }
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') {
    return {
      problem:
        `${JSON.stringify(host)} has no "." or ":port" and is not "localhost", ` +
        'so Docker would read it as a Docker Hub namespace',
    };
  }
  if (slash >= 0 && !ANCHORED_PATH.test(path)) {
    return {
      problem:
        `path ${JSON.stringify(path)} is not lowercase letters, digits and separators ` +
        'joined by single "/" (no leading, trailing or double "/")',
    };
  }
  return { host, path };
}

/** True when `host` is a Docker Hub host name. */
export function isHubHost(host: string): boolean {
  return isDockerHubHost(host.toLowerCase());
}

/** `host/path`, or just `host` when the path is empty. */
export function prefixString(prefix: RegistryPrefix): string {
  return prefix.path === '' ? prefix.host : `${prefix.host}/${prefix.path}`;
}

/** Joins path pieces with `/`, leaving out empty ones. */
export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/**
 * The rest of `repository` below `path`, matched on whole segments: `acme` covers
 * `acme/app` (rest `app`) and `acme` itself (rest `''`), never `acme-corp/app`.
 * Undefined when `repository` is not under `path`.
 */
export function restUnder(repository: string, path: string): string | undefined {
  if (path === '') return repository;
  if (repository === path) return '';
  if (repository.startsWith(`${path}/`)) return repository.slice(path.length + 1);
  return undefined;
}

/**
 * True when the name `registry/repository` lies under `prefix`: the same host (compared
 * case-insensitively, Docker Hub aliases as one) and the prefix path on whole segments.
 */
export function isUnderPrefix(
  registry: string,
  repository: string,
  prefix: RegistryPrefix,
): boolean {
  if (!sameHost(registry, prefix.host)) return false;
  return restUnder(repository, prefix.path) !== undefined;
}

/** Compares two registry hosts case-insensitively, Docker Hub's aliases being one host. */
export function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (isDockerHubHost(x) && isDockerHubHost(y));
}
