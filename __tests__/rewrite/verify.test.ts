import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/reference/parse.js';
import { RegistryError } from '../../src/registry/index.js';
import { parseMirror, parseRule } from '../../src/rewrite/mirror.js';
import { resolveTarget } from '../../src/rewrite/target.js';
import { verifyTargets, type ManifestProbe } from '../../src/rewrite/verify.js';

const notFound = (registry: string): RegistryError =>
  new RegistryError({ registry }, { kind: 'not-found', status: 404, detail: 'manifest unknown' });
const denied = (registry: string): RegistryError =>
  new RegistryError({ registry }, { kind: 'auth', status: 401, detail: 'unauthorized' });

/** A probe over a fixed table of `registry/repository:reference` → outcome, recording calls. */
function tableProbe(table: Record<string, 'ok' | 'missing' | 'denied' | 'down'>) {
  const calls: string[] = [];
  let active = 0;
  let peak = 0;
  const probe: ManifestProbe = async (registry, repository, reference) => {
    const key = `${registry}/${repository}:${reference}`;
    calls.push(key);
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 5));
    active--;
    const outcome = table[key] ?? 'missing';
    if (outcome === 'missing') throw notFound(registry);
    if (outcome === 'denied') throw denied(registry);
    if (outcome === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  };
  return { probe, calls, peak: () => peak };
}

describe('verifyTargets', () => {
  const first = parseMirror('mirror.one');
  const second = parseMirror('mirror.two');

  it('moves to the next mirror when the first lacks the image', async () => {
    const { probe, calls } = tableProbe({ 'mirror.two/library/node:20': 'ok' });
    const ref = parseReference('node:20');
    const check = await verifyTargets([ref], [first, second], [], probe);
    expect(calls).toEqual(['mirror.one/library/node:20', 'mirror.two/library/node:20']);
    expect(resolveTarget(ref, [first, second], [], check)).toMatchObject({
      name: { registry: 'mirror.two', repository: 'library/node' },
    });
  });

  it('names every mirror asked when none has the image', async () => {
    const { probe } = tableProbe({ 'mirror.two/acme/app:1.0': 'denied' });
    const ref = parseReference('acme/app:1.0');
    const check = await verifyTargets([ref], [first, second], [], probe);
    expect(resolveTarget(ref, [first, second], [], check)).toEqual({
      reason:
        'mirror does not have mirror.one/acme/app:1.0 (HTTP 404); ' +
        'mirror refused access to mirror.two/acme/app:1.0 (HTTP 401)',
    });
    const onlySecond = await verifyTargets([ref], [second], [], probe);
    expect(resolveTarget(ref, [second], [], onlySecond)).toEqual({
      reason: 'mirror refused access to mirror.two/acme/app:1.0 (HTTP 401)',
    });
  });

  it('checks digests when a reference has one, and rules like mirrors', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const { probe, calls } = tableProbe({});
    const ref = parseReference(`quay.io/acme/tool:1@${digest}`);
    const rule = parseRule('quay.io=mirror.corp/quay');
    const check = await verifyTargets([ref], [], [rule], probe);
    expect(calls).toEqual([`mirror.corp/quay/acme/tool:${digest}`]);
    expect(resolveTarget(ref, [], [rule], check)).toEqual({
      reason: `mirror does not have mirror.corp/quay/acme/tool@${digest} (HTTP 404)`,
    });
  });

  it('says when a mirror cannot be reached', async () => {
    const { probe } = tableProbe({ 'mirror.one/library/redis:7': 'down' });
    const ref = parseReference('redis:7');
    const check = await verifyTargets([ref], [first], [], probe);
    expect(resolveTarget(ref, [first], [], check)).toEqual({
      reason:
        'mirror could not be reached for mirror.one/library/redis:7: ' +
        'connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('asks once per image and run, with bounded concurrency, skipping mirrored refs', async () => {
    const table = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`mirror.one/library/img${i}:1`, 'ok' as const]),
    );
    const { probe, calls, peak } = tableProbe(table);
    const refs = Array.from({ length: 20 }, (_, i) => parseReference(`img${i}:1`));
    refs.push(parseReference('img0:1'), parseReference('mirror.one/library/img0:1'));
    await verifyTargets(refs, [first], [], probe, 4);
    expect(calls).toHaveLength(20);
    expect(peak()).toBe(4);
  });
});
