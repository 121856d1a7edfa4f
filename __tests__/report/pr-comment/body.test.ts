import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allClearBody,
  reviewCommentBody,
  reviewSummary,
  SUMMARY_TABLE_LIMIT,
} from '../../../src/report/pr-comment/body.js';
import type { DigestResult } from '../../../src/report/pr-comment/digests.js';
import { COMMENT_BODY_LIMIT, fitRows, moreLine } from '../../../src/report/pr-comment/fit.js';
import { blobUrl, repoPath } from '../../../src/report/pr-comment/links.js';
import { reviewMarker } from '../../../src/report/pr-comment/marker.js';
import { reviewCells, reviewTable } from '../../../src/report/pr-comment/rows.js';
import { readJsonl } from '../../support/corpus.js';
import { digest, finding } from './findings.js';

const SHA = '3c9f2b7e41d0a8c6e5f4b3a29187d6c5b4a39281';
const links = { serverUrl: 'https://github.com', repository: 'acme/app', headSha: SHA };
const blob = `https://github.com/acme/app/blob/${SHA}`;
const marker = reviewMarker('CI', 'build');

describe('links', () => {
  it('points at the file line at the head commit', () => {
    expect(blobUrl(links, 'Dockerfile', 3)).toBe(`${blob}/Dockerfile#L3`);
  });

  it('encodes path segments and joins the scan root', () => {
    const ghes = { ...links, serverUrl: 'https://ghe.corp/', rootInRepo: 'services/api' };
    expect(blobUrl(ghes, 'docker/a b#1.yml', 12)).toBe(
      `https://ghe.corp/acme/app/blob/${SHA}/services/api/docker/a%20b%231.yml#L12`,
    );
    expect(repoPath('./svc/', '../Dockerfile')).toBe('Dockerfile');
    expect(repoPath(undefined, 'k8s/deploy.yaml')).toBe('k8s/deploy.yaml');
  });
});

describe('review rows', () => {
  it('suggests the reference as written + @ + digest', () => {
    const f = finding('Dockerfile', 1, 'node:20');
    const digests = new Map([['docker.io/library/node:20', digest('1f')]]);
    expect(reviewCells(f, digests, links)).toEqual([
      `[\`Dockerfile:1\`](${blob}/Dockerfile#L1)`,
      '`node:20`',
      `\`node:20@${digest('1f')}\``,
      '',
    ]);
  });

  it('flags latest, a missing tag and a tag the registry does not have', () => {
    const latest = finding('k8s/deploy.yaml', 12, 'ghcr.io/acme/api:latest');
    const error: DigestResult = {
      error: 'manifest unknown: ghcr.io/acme/api:latest',
      notFound: true,
    };
    const digests = new Map([['ghcr.io/acme/api:latest', error]]);
    expect(reviewCells(latest, digests, links)).toEqual([
      `[\`k8s/deploy.yaml:12\`](${blob}/k8s/deploy.yaml#L12)`,
      '`ghcr.io/acme/api:latest`',
      'cannot resolve: manifest unknown: ghcr.io/acme/api:latest',
      '`latest`, tag not found',
    ]);
    const bare = finding('docker-compose.yml', 5, 'redis');
    expect(reviewCells(bare, new Map(), links).slice(2)).toEqual([
      '_not resolved_',
      'no tag (pulls `latest`)',
    ]);
  });

  it('uses the assembled image for a Helm map and escapes table cells', () => {
    const helm = finding('chart/values.yaml', 3, 'bitnami/nginx', {
      image: 'docker.io/bitnami/nginx:1.25',
      derivation: 'fields',
    });
    const digests = new Map([
      ['docker.io/bitnami/nginx:1.25', { error: 'HEAD https://x | 500\nInternal' }],
    ]);
    expect(reviewCells(helm, digests, links).slice(1)).toEqual([
      '`docker.io/bitnami/nginx:1.25`',
      'cannot resolve: HEAD https://x \\| 500 Internal',
      '',
    ]);
  });

  it('keeps an ARG reference as written', () => {
    const arg = finding('Dockerfile', 4, 'node:${NODE}-alpine', {
      image: 'node:20-alpine',
      derivation: 'arg',
    });
    const digests = new Map([['docker.io/library/node:20-alpine', digest('ab')]]);
    expect(reviewCells(arg, digests, links)[2]).toBe(`\`node:\${NODE}-alpine@${digest('ab')}\``);
  });
});

describe('reviewCommentBody', () => {
  const findings = [
    finding('Dockerfile', 1, 'node:20'),
    finding('docker-compose.yml', 5, 'redis'),
    finding('k8s/deploy.yaml', 12, 'ghcr.io/acme/api:latest'),
  ];
  const digests = new Map<string, DigestResult>([
    ['docker.io/library/node:20', digest('1f')],
    ['docker.io/library/redis', digest('2e')],
    ['ghcr.io/acme/api:latest', { error: 'manifest unknown', notFound: true }],
  ]);

  it('puts the marker first, then the header and one row per reference', () => {
    const { text, omitted } = reviewCommentBody(marker, { findings, digests, links });
    expect(omitted).toBe(0);
    expect(text).toBe(
      [
        '<!-- hubcap:review:CI:build -->',
        '### hubcap: 3 unpinned image references',
        '',
        '3 image references float on a tag, so a rebuild can pull different content. ' +
          '2 of them use `latest` or no tag. ' +
          'Pin each to the digest shown (resolved for commit `3c9f2b7`).',
        '',
        '| Where | Reference | Pin to | Flags |',
        '| --- | --- | --- | --- |',
        `| [\`Dockerfile:1\`](${blob}/Dockerfile#L1) | \`node:20\` | ` +
          `\`node:20@${digest('1f')}\` |  |`,
        `| [\`docker-compose.yml:5\`](${blob}/docker-compose.yml#L5) | \`redis\` | ` +
          `\`redis@${digest('2e')}\` | no tag (pulls \`latest\`) |`,
        `| [\`k8s/deploy.yaml:12\`](${blob}/k8s/deploy.yaml#L12) | ` +
          '`ghcr.io/acme/api:latest` | cannot resolve: manifest unknown | ' +
          '`latest`, tag not found |',
      ].join('\n'),
    );
  });

  it('says so when everything is pinned', () => {
    expect(allClearBody(marker, links)).toBe(
      '<!-- hubcap:review:CI:build -->\n### hubcap: image pins\n\n' +
        'Every image reference is pinned to a digest (commit `3c9f2b7`).',
    );
  });

  it('gives the job summary the whole table under its own title', () => {
    const summary = reviewSummary({ findings: findings.slice(0, 1), digests, links });
    expect(summary).toBe(
      '### hubcap: digests for 1 unpinned reference\n\n' +
        '| Where | Reference | Pin to | Flags |\n| --- | --- | --- | --- |\n' +
        `| \`Dockerfile:1\` | \`node:20\` | \`node:20@${digest('1f')}\` |  |\n`,
    );
  });
});

interface BugCase {
  id: string;
  input: string;
  expected: string;
}

/** Bug case 17's report: 3,000 unpinned references across 400 files. */
function hugeReport() {
  const findings = Array.from({ length: 3000 }, (_, i) =>
    finding(`services/svc-${i % 400}/deploy/k8s/deployment.yaml`, 10 + i, `acme/app-${i}:1.${i}`),
  );
  const digests = new Map(
    findings.map((f, i) => [
      f.occurrence.ref.normalized,
      digest((i % 256).toString(16).padStart(2, '0')),
    ]),
  );
  return { findings, digests, links };
}

describe('the 65,536-character limit (bug case 17)', () => {
  it('keeps marker and header, cuts at a row boundary and counts the rest', async () => {
    const cases = await readJsonl<BugCase>('bug-cases.jsonl');
    const bug = cases.find((c) => c.id === 'case-17');
    expect(bug?.input).toContain('3,000 unpinned references across 400 files');
    expect(bug?.expected).toContain('… and N more (see the job summary)');

    const report = hugeReport();
    const { header, rows } = reviewTable(report.findings, report.digests, links);
    expect(rows.join('\n').length).toBeGreaterThan(3 * COMMENT_BODY_LIMIT);
    const { text, omitted } = reviewCommentBody(marker, report);
    expect(text.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(text.startsWith(`${marker}\n### hubcap: 3000 unpinned image references\n`)).toBe(true);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(`… and ${omitted} more (see the job summary)`);
    expect(lines.at(-2)).toBe('');
    const tableStart = lines.indexOf(header.split('\n')[0] ?? '');
    const shown = lines.slice(tableStart + 2, -2);
    expect(shown.length + omitted).toBe(3000);
    expect(shown).toEqual(rows.slice(0, shown.length));
    // One more row would not have fitted.
    const kept = text.slice(0, text.lastIndexOf('\n\n'));
    const withOneMore = `${kept}\n${rows[shown.length]}\n\n${moreLine(omitted - 1)}`;
    expect(withOneMore.length).toBeGreaterThan(COMMENT_BODY_LIMIT);
    expect(omitted).toBeGreaterThan(2000);
  });

  it('puts every row in the job summary', () => {
    const report = hugeReport();
    const summary = reviewSummary(report);
    const rows = summary.split('\n').filter((l) => l.startsWith('| `services/'));
    expect(rows.length).toBe(3000);
    expect(rows[2999]).toBe(
      '| `services/svc-199/deploy/k8s/deployment.yaml:3009` | `acme/app-2999:1.2999` | ' +
        `\`acme/app-2999:1.2999@${digest('b7')}\` |  |`,
    );
    expect(summary).not.toContain('more');
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_TABLE_LIMIT + 1);
  });

  it('counts the rows a job summary cannot hold', () => {
    const summary = reviewSummary(hugeReport(), 2000);
    expect(summary.length).toBeLessThanOrEqual(2001);
    const shown = summary.split('\n').filter((l) => l.startsWith('| `services/')).length;
    expect(shown).toBeGreaterThan(0);
    expect(summary.endsWith(`\n\n… and ${3000 - shown} more.\n`)).toBe(true);
  });
});

describe('fitRows', () => {
  it('returns everything when it fits, exactly at the limit too', () => {
    expect(fitRows('H', ['a', 'b'], 5)).toEqual({ text: 'H\na\nb', omitted: 0 });
  });

  it('cuts rows and ends with the count', () => {
    const [x, y, z] = ['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)];
    const more = moreLine(2);
    const limit = `H\n${x}`.length + 2 + more.length;
    expect(limit).toBeLessThan(`H\n${x}\n${y}\n${z}`.length);
    expect(fitRows('H', [x, y, z], limit)).toEqual({ text: `H\n${x}\n\n${more}`, omitted: 2 });
    expect(fitRows('H', [x, y, z], limit - 1)).toEqual({
      text: `H\n\n${moreLine(3)}`,
      omitted: 3,
    });
  });

  it('throws when even the head does not fit', () => {
    expect(() => fitRows('HEAD', ['row'], 6)).toThrow(
      'comment head of 4 characters is over the limit of 6',
    );
  });

  it('never exceeds the limit and shows the most whole rows that fit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 60 }),
        fc.integer({ min: 60, max: 1500 }),
        (rows, limit) => {
          const { text, omitted } = fitRows('head', rows, limit);
          expect(text.length).toBeLessThanOrEqual(limit);
          const shown = rows.length - omitted;
          expect(text.startsWith(['head', ...rows.slice(0, shown)].join('\n'))).toBe(true);
          if (omitted === 0) return;
          expect(text.endsWith(`\n\n${moreLine(omitted)}`)).toBe(true);
          const longer =
            ['head', ...rows.slice(0, shown + 1)].join('\n').length +
            2 +
            (omitted > 1 ? moreLine(omitted - 1).length : -2);
          expect(longer).toBeGreaterThan(limit);
        },
      ),
    );
  });
});
