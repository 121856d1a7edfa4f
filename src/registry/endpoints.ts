import { isDockerHubHost } from './credentials.js';

/** Docker Hub's registry API base URL and token endpoint. */
export interface DockerHubEndpoints {
  /** Base URL of the registry API, without `/v2/`: `https://registry-1.docker.io`. */
  registry: string;
  /** Token endpoint: `https://auth.docker.io/token`. */
  auth: string;
}

/** Docker Hub's real registry API base URL. */
export const DOCKER_HUB_REGISTRY = 'https://registry-1.docker.io';
/** Docker Hub's real token endpoint. */
export const DOCKER_HUB_AUTH = 'https://auth.docker.io/token';
/** The `service` Docker Hub's token endpoint expects. */
export const DOCKER_HUB_SERVICE = 'registry.docker.io';

/**
 * Docker Hub's endpoints, overridden by `HUBCAP_DOCKERHUB_REGISTRY` and `HUBCAP_DOCKERHUB_AUTH`
 * (full `http(s)://` URLs) for networks that reach Docker Hub through a proxy, and for tests.
 * Throws when a variable is set to something that is not such a URL.
 */
export function dockerHubEndpoints(env: NodeJS.ProcessEnv): DockerHubEndpoints {
  return {
    registry: urlFromEnv(env, 'HUBCAP_DOCKERHUB_REGISTRY', DOCKER_HUB_REGISTRY).replace(/\/+$/, ''),
    auth: urlFromEnv(env, 'HUBCAP_DOCKERHUB_AUTH', DOCKER_HUB_AUTH),
  };
}

function urlFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}=${JSON.stringify(raw)}: not a URL (expected https://host[:port])`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name}=${JSON.stringify(raw)}: only http:// and https:// URLs are allowed`);
  }
  return value;
}

/** The host name of `host[:port]` (IPv6 brackets removed), lower-cased. */
export function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end < 0 ? lower : lower.slice(1, end);
  }
  const colon = lower.lastIndexOf(':');
  return colon < 0 ? lower : lower.slice(0, colon);
}

/** True for `localhost`, 127.0.0.0/8 and `::1`, where Docker talks plain HTTP by default. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host);
  if (name === 'localhost' || name === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/**
 * True when `host` is listed in `insecure`: an exact `host:port`, a bare host name (any
 * port), or an IPv4 CIDR such as `10.0.0.0/8`, as in Docker's `insecure-registries`.
 */
export function isInsecureHost(host: string, insecure: readonly string[]): boolean {
  const lower = host.toLowerCase();
  const name = hostName(host);
  for (const raw of insecure) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    if (entry === '') continue;
    if (entry === lower || entry === name) return true;
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry);
    if (cidr) {
      const base = ipv4ToInt(cidr[1] as string);
      const ip = ipv4ToInt(name);
      const bits = Number(cidr[2]);
      if (base === undefined || ip === undefined || bits > 32) continue;
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((base & mask) >>> 0 === (ip & mask) >>> 0) return true;
    }
  }
  return false;
}

/**
 * The API base URL for a registry host: Docker Hub's aliases map to its registry endpoint
 * (overridable); loopback and insecure hosts use plain HTTP; everything else HTTPS.
 */
export function registryBaseUrl(
  host: string,
  options: { insecure?: readonly string[]; dockerHub?: DockerHubEndpoints } = {},
): string {
  if (isDockerHubHost(host)) {
    return (options.dockerHub?.registry ?? DOCKER_HUB_REGISTRY).replace(/\/+$/, '');
  }
  const plain = isLoopbackHost(host) || isInsecureHost(host, options.insecure ?? []);
  return `${plain ? 'http' : 'https'}://${host}`;
}
