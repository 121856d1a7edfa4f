import * as core from '@actions/core';
import path from 'node:path';
import { parseFailOn, type FailOn, type RewriteConfig, type ScanConfig } from '../config/config.js';
import { parseBoolean, parseList } from '../config/parse-values.js';
import { Input } from './constants.js';

/** Every input of the main step, read once. */
export interface ActionInputs {
  scan: ScanConfig;
  rewriteConfig: RewriteConfig;
  rewrite: boolean;
  failOn: FailOn;
}

const text = (name: string): string => core.getInput(name);

/** Reads and validates the inputs; a bad value throws an error naming the input. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
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
    rewrite: parseBoolean(Input.Rewrite, text(Input.Rewrite) || 'true'),
    failOn: parseFailOn(text(Input.FailOn)),
  };
}
