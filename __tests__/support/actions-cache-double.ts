import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from './processes.js';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BlobSASPermissions,
  BlobServiceClient,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { freePort } from './registry-service.js';
import { ROOT } from './corpus.js';

/** Azurite's published development account and key (not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';

/** Path of the azurite-blob launcher in node_modules. */
export const AZURITE_BLOB = path.join(ROOT, 'node_modules', '.bin', 'azurite-blob');

/** Why the double cannot start here, or undefined when it can. */
export function actionsCacheUnavailable(): string | undefined {
  return existsSync(AZURITE_BLOB)
    ? undefined
    : `${AZURITE_BLOB} is missing (npm install azurite): Actions cache tests skipped`;
}

/** One cache entry the double holds. */
export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  blob: string;
  finalized: boolean;
  sizeBytes: number;
  createdAt: number;
}

/** One Twirp call the double received. */
export interface TwirpCall {
  method: string;
  body: Record<string, unknown>;
}

/** A running Azurite blob service plus the Twirp cache-service double in front of it. */
export interface ActionsCacheDouble {
  /** `http://127.0.0.1:PORT/`: the value for `ACTIONS_RESULTS_URL`. */
  resultsUrl: string;
  /** Base URL of Azurite's blob service for the account. */
  blobUrl: string;
  /** Twirp calls in order. */
  calls: TwirpCall[];
  /** Entries created so far. */
  entries: CacheEntry[];
  /**
   * Environment that makes @actions/cache use this double (service v2, results URL, a
   * runtime token, a workspace and temp folder), to merge into `process.env`.
   */
  env(workspace: string, temp: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts `azurite-blob --skipApiVersionCheck` on a free 127.0.0.1 port with a temp
 * location, creates the container, and serves the three Twirp methods @actions/cache v2
 * calls (CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL), handing
 * out SAS URLs for Azurite blobs. Lookup follows GitHub's order: the key exactly, then as a
 * prefix, then each restore key exactly and as a prefix; the newest entry wins; only
 * finalized entries of the same version match. An existing key+version cannot be created
 * again (`ok: false`), as on GitHub.
 */
export async function startActionsCacheDouble(): Promise<ActionsCacheDouble> {
  const why = actionsCacheUnavailable();
  if (why !== undefined) throw new Error(why);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-azurite-'));
  const { child, port } = await startAzurite(dir);
  const blobUrl = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const service = new BlobServiceClient(blobUrl, credential);
  await service.getContainerClient(CONTAINER).createIfNotExists();

  const calls: TwirpCall[] = [];
  const entries: CacheEntry[] = [];
  let nextId = 1;
  const sas = (blob: string, permissions: string): string => {
    const q = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        protocol: SASProtocol.HttpsAndHttp,
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      credential,
    ).toString();
    return `${blobUrl}/${CONTAINER}/${blob}?${q}`;
  };
  const field = (body: Record<string, unknown>, snake: string, camel: string): unknown =>
    body[snake] ?? body[camel];

  const handle = (method: string, body: Record<string, unknown>): unknown => {
    const key = String(body['key'] ?? '');
    const version = String(body['version'] ?? '');
    switch (method) {
      case 'CreateCacheEntry': {
        if (entries.some((e) => e.key === key && e.version === version)) {
          return { ok: false, message: `cache entry ${key} already exists` };
        }
        const entry: CacheEntry = {
          id: nextId++,
          key,
          version,
          blob: `entry-${nextId}`,
          finalized: false,
          sizeBytes: 0,
          createdAt: Date.now() + nextId,
        };
        entries.push(entry);
        return { ok: true, signed_upload_url: sas(entry.blob, 'cw') };
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.find((e) => e.key === key && e.version === version);
        if (entry === undefined) return { ok: false, message: `no entry ${key}` };
        entry.finalized = true;
        entry.sizeBytes = Number(field(body, 'size_bytes', 'sizeBytes') ?? 0);
        return { ok: true, entry_id: String(entry.id) };
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = field(body, 'restore_keys', 'restoreKeys');
        const wanted = [key, ...(Array.isArray(restoreKeys) ? restoreKeys.map(String) : [])];
        const usable = entries
          .filter((e) => e.finalized && e.version === version)
          .sort((a, b) => b.createdAt - a.createdAt);
        for (const k of wanted) {
          const found = usable.find((e) => e.key === k) ?? usable.find((e) => e.key.startsWith(k));
          if (found !== undefined) {
            return { ok: true, signed_download_url: sas(found.blob, 'r'), matched_key: found.key };
          }
        }
        return { ok: false };
      }
      default:
        return undefined;
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method !== 'POST' || !url.startsWith(SERVICE)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"code":"bad_route","msg":"no such route"}');
        return;
      }
      const method = url.slice(SERVICE.length);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"code":"malformed","msg":"bad JSON"}');
        return;
      }
      calls.push({ method, body });
      const answer = handle(method, body);
      if (answer === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"code":"bad_route","msg":"no such method"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const twirpPort = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    resultsUrl: `http://127.0.0.1:${twirpPort}/`,
    blobUrl,
    calls,
    entries,
    env(workspace, temp) {
      return {
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: `http://127.0.0.1:${twirpPort}/`,
        ACTIONS_RUNTIME_TOKEN: 'hubcap-test-token',
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: temp,
      };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startAzurite(dir: string): Promise<{ child: ChildProcess; port: number }> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      AZURITE_BLOB,
      [
        '--skipApiVersionCheck',
        '--disableTelemetry',
        '--silent',
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(port),
        '--location',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const keep = (b: Buffer): void => {
      out = (out + b.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await answers(port)) return { child, port };
      await sleep(100);
    }
    last = out;
    await stopChild(child);
  }
  throw new Error(`azurite-blob did not start: ${last}`);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}
