import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy, type Policy, type RewriteConfig, type ScanConfig } from '../config/config.js';
import { parseCommentMode, type CommentMode } from '../engine/pr-review.js';
import { ConfigError } from '../config/errors.js';
import { parseCount } from '../config/parse-number.js';
import { parseBoolean, parseChoice, parseList } from '../config/parse-values.js';
import type { Credentials } from '../registry/index.js';
import { Input } from './constants.js';
import { parseByteSize, parseCacheBackend } from '../cache/index.js';
import type { CacheBackend } from '../cache/persist/types.js';

/** Quota settings: whether to probe, thresholds, and the Docker Hub login. */
export interface QuotaInputs {
  enabled: boolean;
  warnBelow: number | undefined;
  failBelow: number | undefined;
}

/** Layer cache settings. */
export interface CacheInputs {
  enabled: boolean;
  backend: CacheBackend;
  maxBytes: number;
  load: 'auto' | 'true' | 'false';
}

/** Every input of the action, read once. */
export interface ActionInputs {
  scan: ScanConfig;
  rewriteConfig: RewriteConfig;
  rewrite: boolean;
  verifyMirror: boolean;
  insecureRegistries: string[];
  policy: Policy;
  quota: QuotaInputs;
  /** Resolve unpinned tags to digests: no, list them, or write the pins. */
  pin: PinMode;
  comment: CommentMode;
  /** Token for the PR comment; masked as soon as it is read. */
  githubToken: string;
  cache: CacheInputs;
  /** Docker Hub login; the token is masked in logs as soon as it is read. */
  dockerHub: Credentials | undefined;
}

/** `pin` input: off, report the digests to pin, or write them into the files. */
export const PIN_MODES = ['off', 'report', 'write'] as const;
export type PinMode = (typeof PIN_MODES)[number];

const text = (name: string): string => core.getInput(name);
const flag = (name: string, fallback: string): boolean =>
  parseBoolean(name, text(name) || fallback);

/** Reads the Docker Hub login; a token without a username (or the reverse) is an error. */
function readDockerHub(): Credentials | undefined {
  const username = text(Input.DockerHubUsername).trim();
  const password = text(Input.DockerHubToken);
  if (password !== '') core.setSecret(password);
  if (username === '' && password === '') return undefined;
  if (username === '' || password === '') {
    throw new ConfigError(
      `Inputs "${Input.DockerHubUsername}" and "${Input.DockerHubToken}" go together: ` +
        'give both or neither',
    );
  }
  return { username, password };
}

/** Reads and validates the inputs; a bad value throws an error naming the input. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const dockerHub = readDockerHub();
  const githubToken = text(Input.GitHubToken);
  if (githubToken !== '') core.setSecret(githubToken);
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const folder = text(Input.WorkingDirectory) || '.';
  const root = path.resolve(workspace, folder);
  if (!existsSync(root)) {
    throw new ConfigError(
      `Input "${Input.WorkingDirectory}": folder ${JSON.stringify(folder)} does not exist ` +
        'in the workspace',
    );
  }
  return {
    scan: {
      root,
      paths: [],
      files: parseList(text(Input.Files)),
      excludeFiles: parseList(text(Input.ExcludeFiles)),
    },
    rewriteConfig: {
      mirrors: parseList(text(Input.Mirror)),
      rules: parseList(text(Input.Rules)),
      exclude: parseList(text(Input.Exclude)),
    },
    rewrite: flag(Input.Rewrite, 'true'),
    verifyMirror: flag(Input.VerifyMirror, 'false'),
    insecureRegistries: parseList(text(Input.InsecureRegistries)),
    policy: parsePolicy(text(Input.FailOn), parseList(text(Input.AllowedRegistries))),
    quota: {
      enabled: flag(Input.Quota, 'true'),
      warnBelow: parseCount(Input.QuotaWarnBelow, text(Input.QuotaWarnBelow)),
      failBelow: parseCount(Input.QuotaFailBelow, text(Input.QuotaFailBelow)),
    },
    dockerHub,
    pin: parseChoice(Input.Pin, text(Input.Pin) || 'off', PIN_MODES),
    comment: parseCommentMode(text(Input.Comment)),
    githubToken,
    cache: {
      enabled: flag(Input.Cache, 'false'),
      backend: parseCacheBackend(text(Input.CacheBackend) || 'auto', Input.CacheBackend),
      maxBytes: parseByteSize(text(Input.CacheMaxSize) || '2GB', Input.CacheMaxSize),
      load: parseChoice(Input.Load, text(Input.Load) || 'auto', ['auto', 'true', 'false'] as const),
    },
  };
}
