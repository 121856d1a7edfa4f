import { describe, expect, it } from 'vitest';
import { RegistryError, parseErrorBody, redact } from '../../src/registry/errors.js';
import { parseTokenResponse, tokenDeadline, tokenKey } from '../../src/registry/token.js';

describe('parseTokenResponse', () => {
  it('takes token or access_token, and expires_in', () => {
    expect(parseTokenResponse({ token: 'a', expires_in: 300 })).toEqual({
      token: 'a',
      expiresInSeconds: 300,
    });
    expect(parseTokenResponse({ access_token: 'b' })).toEqual({ token: 'b', expiresInSeconds: 60 });
    expect(parseTokenResponse({ token: '', access_token: 'c', expires_in: 'x' })).toEqual({
      token: 'c',
      expiresInSeconds: 60,
    });
    expect(parseTokenResponse({ details: 'incorrect username or password' })).toBeUndefined();
    expect(parseTokenResponse(null)).toBeUndefined();
  });

  it('replaces tokens a little before they expire', () => {
    expect(tokenDeadline(0, 300)).toBe(290_000);
    expect(tokenDeadline(0, 60)).toBe(54_000);
    expect(tokenDeadline(1000, 5)).toBe(5500);
  });

  it('keys tokens by realm, service and the set of scopes', () => {
    const a = tokenKey({ realm: 'r', service: 's', scopes: ['b', 'a', 'a'] });
    const b = tokenKey({ realm: 'r', service: 's', scopes: ['a', 'b'] });
    expect(a).toBe(b);
    expect(tokenKey({ realm: 'r', service: 'other', scopes: ['a', 'b'] })).not.toBe(a);
  });
});

describe('RegistryError', () => {
  it('names registry, repository, reference, status, code and message', () => {
    const err = new RegistryError(
      { registry: 'ghcr.io', repository: 'acme/app', reference: 'v1' },
      {
        kind: 'auth',
        status: 403,
        code: 'DENIED',
        detail: 'requested access to the resource is denied',
      },
    );
    expect(err.message).toBe(
      'registry ghcr.io, repository acme/app, reference "v1": HTTP 403 DENIED: requested access to the resource is denied',
    );
    expect(err.name).toBe('RegistryError');
    expect([err.registry, err.repository, err.reference, err.status, err.code, err.kind]).toEqual([
      'ghcr.io',
      'acme/app',
      'v1',
      403,
      'DENIED',
      'auth',
    ]);
  });

  it('reads the registry error body and scrubs secrets', () => {
    expect(
      parseErrorBody('{"errors":[{"code":"NAME_UNKNOWN","message":"no such repo","detail":{}}]}'),
    ).toEqual([{ code: 'NAME_UNKNOWN', message: 'no such repo' }]);
    expect(parseErrorBody('not json')).toEqual([]);
    expect(parseErrorBody('{"errors":"x"}')).toEqual([]);
    expect(redact('token abc.def.ghi in text abc.def.ghi', ['abc.def.ghi', 'ab'])).toBe(
      'token *** in text ***',
    );
  });
});
