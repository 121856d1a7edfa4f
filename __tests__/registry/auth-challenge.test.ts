import { describe, expect, it } from 'vitest';
import {
  parseScope,
  parseWwwAuthenticate,
  pullScope,
  splitScopes,
} from '../../src/registry/auth-challenge.js';

describe('parseWwwAuthenticate', () => {
  it('reads the Bearer challenge of the token spec, with a comma inside the quoted scope', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:samalba/my-app:pull,push',
        },
      },
    ]);
  });

  it('keeps several space-separated scopes in one value', () => {
    const [c] = parseWwwAuthenticate(
      'Bearer realm="https://r.example/token", scope="repository:a/b:pull repository:c/d:pull,push"',
    );
    expect(splitScopes(c?.params['scope'])).toEqual([
      'repository:a/b:pull',
      'repository:c/d:pull,push',
    ]);
  });

  it('splits several challenges in one header (as fetch joins them)', () => {
    expect(
      parseWwwAuthenticate(
        'Basic realm="Registry Realm", Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      {
        scheme: 'bearer',
        params: {
          realm: 'https://ghcr.io/token',
          service: 'ghcr.io',
          scope: 'repository:o/r:pull',
        },
      },
    ]);
  });

  it('handles escaped quotes, unquoted tokens, odd spacing and case', () => {
    expect(
      parseWwwAuthenticate(
        'BEARER  Realm = "say \\"hi\\", ok" , Service=reg.example ,, error=insufficient_scope',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'say "hi", ok', service: 'reg.example', error: 'insufficient_scope' },
      },
    ]);
  });

  it('reads token68 and bare schemes', () => {
    expect(parseWwwAuthenticate('Negotiate abc123==, Basic')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'abc123==' },
      { scheme: 'basic', params: {} },
    ]);
  });

  it('does not throw on junk', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('"unterminated')).toEqual([{ scheme: 'unterminated', params: {} }]);
    expect(parseWwwAuthenticate('Bearer realm="open')).toEqual([
      { scheme: 'bearer', params: { realm: 'open' } },
    ]);
  });
});

describe('scopes', () => {
  it('parses type, name (with a port) and actions', () => {
    expect(parseScope('repository:samalba/my-app:pull,push')).toEqual({
      type: 'repository',
      name: 'samalba/my-app',
      actions: ['pull', 'push'],
    });
    expect(parseScope('repository:localhost:5000/x:pull')).toEqual({
      type: 'repository',
      name: 'localhost:5000/x',
      actions: ['pull'],
    });
    expect(parseScope('registry:catalog:*')).toEqual({
      type: 'registry',
      name: 'catalog',
      actions: ['*'],
    });
    expect(parseScope('nonsense')).toBeUndefined();
  });

  it('builds the pull scope', () => {
    expect(pullScope('library/node')).toBe('repository:library/node:pull');
    expect(splitScopes(undefined)).toEqual([]);
  });
});
