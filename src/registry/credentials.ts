import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A username and password (or personal access token) for one registry. */
export interface Credentials {
  username: string;
  password: string;
}

/** One `auths` entry of Docker's `config.json`. */
export interface DockerConfigAuth {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** The parts of Docker's `config.json` this project reads. */
export interface DockerConfig {
  auths?: Record<string, DockerConfigAuth>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Host names that all mean Docker Hub's registry. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Maps Docker Hub's aliases to `docker.io` and lower-cases the host; others unchanged. */
export function canonicalRegistryHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_HOSTS.has(lower) ? 'docker.io' : lower;
}

/** True for `docker.io`, `index.docker.io` and `registry-1.docker.io`. */
export function isDockerHubHost(host: string): boolean {
  return DOCKER_HUB_HOSTS.has(host.toLowerCase());
}

/**
 * The registry host a `config.json` key stands for, the way the Docker CLI reads it:
 * scheme and path dropped (`https://index.docker.io/v1/` → `docker.io`).
 */
export function authKeyHost(key: string): string {
  const noScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = noScheme.indexOf('/');
  return canonicalRegistryHost(slash < 0 ? noScheme : noScheme.slice(0, slash));
}

/** Where Docker keeps its client config: `$DOCKER_CONFIG/config.json` or `~/.docker/`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  const dir = env['DOCKER_CONFIG'];
  if (dir !== undefined && dir !== '') return path.join(dir, 'config.json');
  return path.join(home, '.docker', 'config.json');
}

/** Reads and parses a Docker `config.json`; `undefined` when the file does not exist. */
export async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseDockerConfig(text, file);
}

/** Parses the text of a Docker `config.json`; errors name the file and line. */
export function parseDockerConfig(text: string, file: string): DockerConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    const where = line === undefined ? file : `${file}:${line}`;
    throw new Error(`${where}: invalid JSON in Docker config: ${message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file}:1: Docker config must be a JSON object`);
  }
  return parsed as DockerConfig;
}

/**
 * Finds the credentials `config.json` holds for a registry host, matching keys the way the
 * Docker CLI does (scheme and path ignored; Docker Hub under `https://index.docker.io/v1/`
 * or any of its aliases). Exact keys win over ones with a scheme or path. Entries that only
 * name a credential helper or an identity token give `undefined`.
 */
export function findDockerConfigCredentials(
  config: DockerConfig,
  registryHost: string,
  file = 'config.json',
): Credentials | undefined {
  const auths = config.auths ?? {};
  const wanted = canonicalRegistryHost(registryHost);
  const keys = Object.keys(auths).filter((k) => authKeyHost(k) === wanted);
  keys.sort((a, b) => rank(a, registryHost) - rank(b, registryHost));
  for (const key of keys) {
    const entry = auths[key];
    if (entry === undefined) continue;
    const creds = entryCredentials(entry, key, file);
    if (creds !== undefined) return creds;
  }
  return undefined;
}

function rank(key: string, host: string): number {
  if (key === host) return 0;
  if (key.toLowerCase() === host.toLowerCase()) return 1;
  if (key === 'https://index.docker.io/v1/') return 2;
  return 3;
}

function entryCredentials(
  entry: DockerConfigAuth,
  key: string,
  file: string,
): Credentials | undefined {
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new Error(
        `${file}: auths[${JSON.stringify(key)}].auth is not base64 of "user:password"`,
      );
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    if (entry.username !== '' && entry.password !== '') {
      return { username: entry.username, password: entry.password };
    }
  }
  return undefined;
}

/**
 * Credentials for a registry host from the user's Docker config (`DOCKER_CONFIG` or
 * `~/.docker/config.json`), or `undefined` when there are none.
 */
export async function loadDockerConfigCredentials(
  registryHost: string,
  env: NodeJS.ProcessEnv,
  home?: string,
): Promise<Credentials | undefined> {
  const file = dockerConfigPath(env, home);
  const config = await readDockerConfig(file);
  if (config === undefined) return undefined;
  return findDockerConfigCredentials(config, registryHost, file);
}
