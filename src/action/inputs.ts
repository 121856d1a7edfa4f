import * as core from '@actions/core';
import path from 'node:path';
import { parseFailOn, type FailOn, type RewriteConfig, type ScanConfig } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseCount } from '../config/parse-number.js';
import { parseBoolean, parseList } from '../config/parse-values.js';
import type { Credentials } from '../registry/index.js';
import { Input } from './constants.js';

/** Quota settings: whether to probe, thresholds, and the Docker Hub login. */
export interface QuotaInputs {
  enabled: boolean;
  warnBelow: number | undefined;
  failBelow: number | undefined;
}

/** Every input of the action, read once. */
export interface ActionInputs {
  scan: ScanConfig;
  rewriteConfig: RewriteConfig;
  rewrite: boolean;
  verifyMirror: boolean;
  insecureRegistries: string[];
  failOn: FailOn;
  quota: QuotaInputs;
  /** Docker Hub login; the token is masked in logs as soon as it is read. */
  dockerHub: Credentials | undefined;
}

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
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const root = path.resolve(workspace, text(Input.WorkingDirectory) || '.');
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
    failOn: parseFailOn(text(Input.FailOn)),
    quota: {
      enabled: flag(Input.Quota, 'true'),
      warnBelow: parseCount(Input.QuotaWarnBelow, text(Input.QuotaWarnBelow)),
      failBelow: parseCount(Input.QuotaFailBelow, text(Input.QuotaFailBelow)),
    },
    dockerHub,
  };
}
