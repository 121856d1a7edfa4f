import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/reference/parse.js';
import { applyEdits } from '../../src/rewrite/apply.js';
import {
  ECR_PUBLIC_REASON,
  MirrorSpecError,
  RuleSpecError,
  mirrorName,
  parseMirror,
  parseRule,
  ruleName,
} from '../../src/rewrite/mirror.js';
import { planRewrite } from '../../src/rewrite/plan.js';
import { literal, texts } from './occurrences.js';

const D1 = 'sha256:' + 'f'.repeat(64);
const D2 = 'sha256:' + '0123456789abcdef'.repeat(4);

/** Official, namespaced, nested, tagged, digest-only and tag+digest references. */
const REFS = [
  'node',
  'acme/app:1.0',
  'shelf/acme/app:2',
  'node:20-alpine',
  `acme/tool@${D1}`,
  `lang:2.5@${D2}`,
];

/** Rewrites DOCKERFILE with `mirrors`/`rules`; returns the new lines and the skips. */
function rewriteAll(mirrors: string[], rules: string[] = [], refs = REFS) {
  const text = refs.map((r, i) => `FROM ${r} AS s${i}\n`).join('');
  const occurrences = refs.map((r) => literal(text, r));
  const plan = planRewrite(occurrences, {
    mirrors: mirrors.map(parseMirror),
    rules: rules.map(parseRule),
    exclude: [],
    texts: texts('Dockerfile', text),
  });
  return {
    lines: applyEdits(text, plan.edits).split('\n').slice(0, -1),
    skipped: plan.skipped.map((s) => `${s.line} ${s.ref}: ${s.reason}`),
  };
}

describe('parseMirror', () => {
  it('parses every preset', () => {
    expect(parseMirror('mirror.gcr.io')).toEqual({
      spec: 'mirror.gcr.io',
      preset: 'mirror.gcr.io',
      base: { host: 'mirror.gcr.io', path: '' },
      keepLibrary: true,
      officialOnly: false,
    });
    expect(parseMirror('ecr-public')).toEqual({
      spec: 'ecr-public',
      preset: 'ecr-public',
      base: { host: 'public.ecr.aws', path: 'docker/library' },
      keepLibrary: false,
      officialOnly: true,
    });
    expect(parseMirror('ecr:123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toMatchObject({
      preset: 'ecr',
      base: { host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', path: 'docker-hub' },
      keepLibrary: true,
    });
    expect(
      parseMirror('ecr:123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/hub/v1'),
    ).toMatchObject({
      base: { host: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', path: 'hub/v1' },
    });
    expect(parseMirror('harbor:harbor.corp:8443/dockerhub')).toMatchObject({
      preset: 'harbor',
      base: { host: 'harbor.corp:8443', path: 'dockerhub' },
      keepLibrary: true,
    });
    expect(parseMirror('gitlab:gitlab.example.com/group/sub')).toMatchObject({
      preset: 'gitlab',
      base: { host: 'gitlab.example.com', path: 'group/sub/dependency_proxy/containers' },
      keepLibrary: false,
    });
    expect(parseMirror('artifactory:acme.jfrog.io/docker-remote')).toMatchObject({
      preset: 'artifactory',
      base: { host: 'acme.jfrog.io', path: 'docker-remote' },
      keepLibrary: true,
    });
    expect(parseMirror('localhost:5000')).toMatchObject({
      preset: 'prefix',
      base: { host: 'localhost:5000', path: '' },
    });
    expect(parseMirror('[::1]:5000/hub')).toMatchObject({
      preset: 'prefix',
      base: { host: '[::1]:5000', path: 'hub' },
    });
  });

  it('reads `harbor:5000/x` as a host with a port, not as a preset', () => {
    expect(parseMirror('harbor:5000/x')).toMatchObject({
      preset: 'prefix',
      base: { host: 'harbor:5000', path: 'x' },
    });
  });

  it('rejects a bad spec, quoting it and listing the forms', () => {
    const forms =
      'expected one of: mirror.gcr.io, ecr-public, ' +
      'ecr:<account>.dkr.ecr.<region>.amazonaws.com[/<prefix>], harbor:<host>/<project>, ' +
      'gitlab:<host>/<group>, artifactory:<host>/<repo-key>, <host>[:<port>][/<path>]';
    expect(() => parseMirror('mirror')).toThrow(
      new MirrorSpecError(
        'mirror',
        '"mirror" has no "." or ":port" and is not "localhost", ' +
          'so Docker would read it as a Docker Hub namespace',
      ),
    );
    expect(() => parseMirror('mirror')).toThrow(
      'invalid mirror "mirror": "mirror" has no "." or ":port" and is not "localhost", ' +
        `so Docker would read it as a Docker Hub namespace; ${forms}`,
    );
    const cases: Array<[string, string]> = [
      ['', 'it is empty'],
      [' mirror.gcr.io', 'it contains white space'],
      ['https://mirror.example.com', 'a URL scheme is not part of an image name'],
      ['mirror.example.com/', 'path "" is not lowercase letters'],
      ['mirror.example.com//x', 'path "/x" is not lowercase letters'],
      ['mirror.example.com/Hub', 'path "Hub" is not lowercase letters'],
      ['-bad-.com', '"-bad-.com" is not a registry host[:port]'],
      ['docker.io/mirror', 'Docker Hub cannot mirror itself'],
      ['public.ecr.aws/docker/library', 'use the preset "ecr-public"'],
      ['ecr:mirror.example.com', '"mirror.example.com" is not <12-digit account>.dkr.ecr'],
      ['ecr:12345.dkr.ecr.us-east-1.amazonaws.com', 'is not <12-digit account>'],
      ['harbor:harbor.corp', 'harbor needs <host>/<project> with one path segment'],
      ['harbor:harbor.corp/a/b', 'harbor needs <host>/<project> with one path segment'],
      ['artifactory:acme.jfrog.io', 'artifactory needs <host>/<repository key>'],
      ['gitlab:gitlab.com', 'gitlab needs <host>/<group>'],
      ['gitlab:docker.io/x', 'Docker Hub cannot mirror itself'],
      ['quay:', '"quay:" is not a registry host[:port]'],
    ];
    for (const [spec, why] of cases) {
      let message = '';
      try {
        parseMirror(spec);
      } catch (error) {
        expect(error).toBeInstanceOf(MirrorSpecError);
        message = (error as Error).message;
      }
      expect(message.startsWith(`invalid mirror ${JSON.stringify(spec)}: `), spec).toBe(true);
      expect(message, spec).toContain(why);
      expect(message.endsWith(forms), spec).toBe(true);
    }
  });
});

describe('mirrorName', () => {
  const name = (spec: string, ref: string) => mirrorName(parseReference(ref), parseMirror(spec));

  it('maps only the name, never the tag or digest', () => {
    expect(name('mirror.gcr.io', `node:20@${D1}`)).toEqual({
      name: { registry: 'mirror.gcr.io', repository: 'library/node' },
    });
    expect(name('gitlab:gitlab.com/g', 'docker.io/library/node:20')).toEqual({
      name: { registry: 'gitlab.com', repository: 'g/dependency_proxy/containers/node' },
    });
    expect(name('gitlab:gitlab.com/g', 'library/a/b')).toEqual({
      name: { registry: 'gitlab.com', repository: 'g/dependency_proxy/containers/library/a/b' },
    });
  });

  it('refuses what the mirror cannot serve', () => {
    expect(name('ecr-public', 'acme/app')).toEqual({ reason: ECR_PUBLIC_REASON });
    expect(ECR_PUBLIC_REASON).toBe('ECR Public mirrors only Docker Official Images (library/…)');
    expect(name('mirror.gcr.io', 'ghcr.io/acme/app')).toEqual({ reason: 'not Docker Hub' });
  });
});

describe('presets on every shape of reference (exact bytes)', () => {
  it('mirror.gcr.io', () => {
    expect(rewriteAll(['mirror.gcr.io'])).toEqual({
      lines: [
        'FROM mirror.gcr.io/library/node AS s0',
        'FROM mirror.gcr.io/acme/app:1.0 AS s1',
        'FROM mirror.gcr.io/shelf/acme/app:2 AS s2',
        'FROM mirror.gcr.io/library/node:20-alpine AS s3',
        `FROM mirror.gcr.io/acme/tool@${D1} AS s4`,
        `FROM mirror.gcr.io/library/lang:2.5@${D2} AS s5`,
      ],
      skipped: [],
    });
  });

  it('ecr-public: official images only, the rest skipped', () => {
    expect(rewriteAll(['ecr-public'])).toEqual({
      lines: [
        'FROM public.ecr.aws/docker/library/node AS s0',
        'FROM acme/app:1.0 AS s1',
        'FROM shelf/acme/app:2 AS s2',
        'FROM public.ecr.aws/docker/library/node:20-alpine AS s3',
        `FROM acme/tool@${D1} AS s4`,
        `FROM public.ecr.aws/docker/library/lang:2.5@${D2} AS s5`,
      ],
      skipped: [
        `2 acme/app:1.0: ${ECR_PUBLIC_REASON}`,
        `3 shelf/acme/app:2: ${ECR_PUBLIC_REASON}`,
        `5 acme/tool@${D1}: ${ECR_PUBLIC_REASON}`,
      ],
    });
  });

  it('ecr-public then mirror.gcr.io: the first mirror that applies wins', () => {
    expect(rewriteAll(['ecr-public', 'mirror.gcr.io']).lines).toEqual([
      'FROM public.ecr.aws/docker/library/node AS s0',
      'FROM mirror.gcr.io/acme/app:1.0 AS s1',
      'FROM mirror.gcr.io/shelf/acme/app:2 AS s2',
      'FROM public.ecr.aws/docker/library/node:20-alpine AS s3',
      `FROM mirror.gcr.io/acme/tool@${D1} AS s4`,
      `FROM public.ecr.aws/docker/library/lang:2.5@${D2} AS s5`,
    ]);
  });

  it('ecr pull-through cache, default and own prefix', () => {
    const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
    expect(rewriteAll([`ecr:${host}`]).lines).toEqual([
      `FROM ${host}/docker-hub/library/node AS s0`,
      `FROM ${host}/docker-hub/acme/app:1.0 AS s1`,
      `FROM ${host}/docker-hub/shelf/acme/app:2 AS s2`,
      `FROM ${host}/docker-hub/library/node:20-alpine AS s3`,
      `FROM ${host}/docker-hub/acme/tool@${D1} AS s4`,
      `FROM ${host}/docker-hub/library/lang:2.5@${D2} AS s5`,
    ]);
    expect(rewriteAll([`ecr:${host}/hub`]).lines.slice(0, 2)).toEqual([
      `FROM ${host}/hub/library/node AS s0`,
      `FROM ${host}/hub/acme/app:1.0 AS s1`,
    ]);
  });

  it('harbor', () => {
    expect(rewriteAll(['harbor:harbor.corp/dockerhub']).lines).toEqual([
      'FROM harbor.corp/dockerhub/library/node AS s0',
      'FROM harbor.corp/dockerhub/acme/app:1.0 AS s1',
      'FROM harbor.corp/dockerhub/shelf/acme/app:2 AS s2',
      'FROM harbor.corp/dockerhub/library/node:20-alpine AS s3',
      `FROM harbor.corp/dockerhub/acme/tool@${D1} AS s4`,
      `FROM harbor.corp/dockerhub/library/lang:2.5@${D2} AS s5`,
    ]);
  });

  it('gitlab dependency proxy: official images without library/', () => {
    const p = 'gitlab.example.com/acme-group/dependency_proxy/containers';
    expect(rewriteAll(['gitlab:gitlab.example.com/acme-group']).lines).toEqual([
      `FROM ${p}/node AS s0`,
      `FROM ${p}/acme/app:1.0 AS s1`,
      `FROM ${p}/shelf/acme/app:2 AS s2`,
      `FROM ${p}/node:20-alpine AS s3`,
      `FROM ${p}/acme/tool@${D1} AS s4`,
      `FROM ${p}/lang:2.5@${D2} AS s5`,
    ]);
  });

  it('artifactory', () => {
    expect(rewriteAll(['artifactory:acme.jfrog.io/docker-remote']).lines).toEqual([
      'FROM acme.jfrog.io/docker-remote/library/node AS s0',
      'FROM acme.jfrog.io/docker-remote/acme/app:1.0 AS s1',
      'FROM acme.jfrog.io/docker-remote/shelf/acme/app:2 AS s2',
      'FROM acme.jfrog.io/docker-remote/library/node:20-alpine AS s3',
      `FROM acme.jfrog.io/docker-remote/acme/tool@${D1} AS s4`,
      `FROM acme.jfrog.io/docker-remote/library/lang:2.5@${D2} AS s5`,
    ]);
  });

  it('a plain prefix with a port and a path', () => {
    expect(rewriteAll(['registry.example.com:5000/hub']).lines).toEqual([
      'FROM registry.example.com:5000/hub/library/node AS s0',
      'FROM registry.example.com:5000/hub/acme/app:1.0 AS s1',
      'FROM registry.example.com:5000/hub/shelf/acme/app:2 AS s2',
      'FROM registry.example.com:5000/hub/library/node:20-alpine AS s3',
      `FROM registry.example.com:5000/hub/acme/tool@${D1} AS s4`,
      `FROM registry.example.com:5000/hub/library/lang:2.5@${D2} AS s5`,
    ]);
  });

  it('keeps the spelling it replaces out of the result: docker.io/… and index.docker.io/…', () => {
    const refs = ['docker.io/library/node:20', 'index.docker.io/acme/app', 'docker.io/acme/x'];
    expect(rewriteAll(['mirror.example.com'], [], refs).lines).toEqual([
      'FROM mirror.example.com/library/node:20 AS s0',
      'FROM mirror.example.com/acme/app AS s1',
      'FROM mirror.example.com/acme/x AS s2',
    ]);
  });
});

describe('rules', () => {
  it('parses SRC=DST', () => {
    expect(parseRule('quay.io=mirror.corp/quay')).toEqual({
      spec: 'quay.io=mirror.corp/quay',
      source: { host: 'quay.io', path: '' },
      target: { host: 'mirror.corp', path: 'quay' },
    });
    expect(parseRule('index.docker.io/acme=mirror.corp:5000')).toEqual({
      spec: 'index.docker.io/acme=mirror.corp:5000',
      source: { host: 'docker.io', path: 'acme' },
      target: { host: 'mirror.corp:5000', path: '' },
    });
  });

  it('rejects bad rules, quoting them', () => {
    const cases: Array<[string, string]> = [
      ['quay.io', 'it needs exactly one "="'],
      ['quay.io=a.corp=b', 'it needs exactly one "="'],
      ['acme=mirror.corp/acme', 'source: "acme" has no "." or ":port"'],
      ['quay.io=', 'target: it is empty'],
      ['quay.io=mirror', 'target: "mirror" has no "." or ":port"'],
      ['quay.io=docker.io/acme', 'the target must not be Docker Hub'],
      ['quay.io/x=QUAY.IO/x', 'source and target are the same'],
    ];
    for (const [spec, why] of cases) {
      expect(() => parseRule(spec), spec).toThrow(RuleSpecError);
      expect(() => parseRule(spec), spec).toThrow(`invalid rule ${JSON.stringify(spec)}: ${why}`);
    }
    expect(() => parseRule('quay.io')).toThrow(
      'invalid rule "quay.io": it needs exactly one "="; expected SRC=DST, both ' +
        '<host>[:<port>][/<path>] (e.g. quay.io=mirror.corp/quay, docker.io=mirror.corp/hub)',
    );
  });

  it('matches registry and path prefixes on whole segments', () => {
    const rule = parseRule('ghcr.io/acme=mirror.corp/acme');
    const map = (ref: string) => ruleName(parseReference(ref), rule);
    expect(map('ghcr.io/acme/app:1')).toEqual({ registry: 'mirror.corp', repository: 'acme/app' });
    expect(map('ghcr.io/acme/a/b')).toEqual({ registry: 'mirror.corp', repository: 'acme/a/b' });
    expect(map('ghcr.io/acme')).toEqual({ registry: 'mirror.corp', repository: 'acme' });
    expect(map('ghcr.io/acme-corp/app')).toBeUndefined();
    expect(map('ghcr.io:443/acme/app')).toBeUndefined();
    expect(map('acme/app')).toBeUndefined();
  });

  it('rewrites other registries, Docker Hub by rule, and prefers the longest source', () => {
    const refs = [
      'quay.io/coreos/etcd:v3.5',
      `quay.io/a/b/c@${D1}`,
      'ghcr.io/acme/app:1',
      'ghcr.io/acme-corp/x:1',
      'node:20',
      'acme/app:1.0',
      'registry.example.com:443/team/app',
    ];
    const rules = [
      'quay.io=mirror.corp/quay',
      'ghcr.io/acme=mirror.corp/acme',
      'docker.io=mirror.corp/hub',
      'docker.io/acme=mirror.corp/acme-hub',
    ];
    expect(rewriteAll([], rules, refs)).toEqual({
      lines: [
        'FROM mirror.corp/quay/coreos/etcd:v3.5 AS s0',
        `FROM mirror.corp/quay/a/b/c@${D1} AS s1`,
        'FROM mirror.corp/acme/app:1 AS s2',
        'FROM ghcr.io/acme-corp/x:1 AS s3',
        'FROM mirror.corp/hub/library/node:20 AS s4',
        'FROM mirror.corp/acme-hub/app:1.0 AS s5',
        'FROM registry.example.com:443/team/app AS s6',
      ],
      skipped: [
        '4 ghcr.io/acme-corp/x:1: not Docker Hub',
        '7 registry.example.com:443/team/app: not Docker Hub',
      ],
    });
  });

  it('takes a rule over the mirror, and says when Docker Hub has neither', () => {
    const refs = ['node:20', 'acme/app:1.0'];
    expect(rewriteAll(['mirror.gcr.io'], ['docker.io/acme=m.corp/a'], refs).lines).toEqual([
      'FROM mirror.gcr.io/library/node:20 AS s0',
      'FROM m.corp/a/app:1.0 AS s1',
    ]);
    expect(rewriteAll([], ['quay.io=m.corp/q'], refs).skipped).toEqual([
      '1 node:20: no mirror for Docker Hub was given',
      '2 acme/app:1.0: no mirror for Docker Hub was given',
    ]);
  });
});

describe('mirror ports', () => {
  it('rejects a port outside 1-65535, naming it', () => {
    expect(() => parseMirror('mirror.gcr.io:99999')).toThrow(
      /invalid mirror "mirror\.gcr\.io:99999": port 99999 is not between 1 and 65535/,
    );
    expect(parseMirror('registry.corp:5000/hub').base).toEqual({
      host: 'registry.corp:5000',
      path: 'hub',
    });
  });
});
