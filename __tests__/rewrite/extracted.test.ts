import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import { extractorFor } from '../../src/scan/extractors/index.js';
import type { FileKind } from '../../src/scan/types.js';
import { readJsonl } from '../support/corpus.js';
import { texts } from './occurrences.js';

interface BugCase {
  id: string;
  file_name: string;
  input: string;
}

const D0 = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const DF = 'sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';

const KINDS: Record<string, FileKind> = {
  Dockerfile: 'dockerfile',
  'pod.yaml': 'kubernetes',
  'deployment.yaml': 'kubernetes',
  'docker-compose.yml': 'compose',
  'values.yaml': 'helm',
  '.github/workflows/ci.yml': 'workflow',
};

/** The expected output of each case's rewrite to `mirror.example.com`, written out. */
const EXPECTED: Record<string, string> = {
  'case-01':
    'FROM mirror.example.com/acme/base:3.18 AS build\nRUN make\nFROM scratch\n' +
    'COPY --from=mirror.example.com/acme/certdump:v2.7.0 /usr/bin/certdump /usr/bin/certdump\n' +
    'COPY --from=build /out/app /app\nCOPY --from=0 /etc/ssl /etc/ssl\n',
  'case-02':
    'FROM mirror.example.com/library/shell:3.17 AS tools\nRUN <<EOF\n    echo "test"\nEOF\n' +
    '# comment right after the terminator\nFROM mirror.example.com/acme/app:1.0\n' +
    'COPY --from=tools /bin/echo /bin/echo\n',
  'case-03':
    'FROM mirror.example.com/acme/os:14.04 AS BASE\nFROM base AS dist\n' +
    'COPY --from=Base /etc/os-release /etc/os-release\n',
  'case-05':
    'FROM mirror.example.com/shelf/acme/app:1.0\nFROM localhost/acme/app:1.0\n' +
    'FROM registry.example.com/acme/app:1.0\n',
  'case-06': `FROM mirror.example.com/library/lang:2.5@${D0}\nFROM mirror.example.com/acme/tool@${DF}\n`,
  'case-07':
    'FROM --platform=linux/amd64 mirror.example.com/library/toolchain:1.23.8-bookworm AS build\n' +
    'RUN make\nFROM --platform=$BUILDPLATFORM mirror.example.com/acme/runtime:latest\n',
  'case-09':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n' +
    '    - name: web\n      image: mirror.example.com/library/web:1.25\n' +
    '    - name: proxy\n      image: mirror.example.com/library/proxy:1.9\n',
  'case-10':
    'x-shared: &shared\n  image: mirror.example.com/library/base-os:11\nservices:\n' +
    '  service-a:\n    <<: *shared\n    environment:\n      SERVICE: a\n' +
    '  service-b:\n    <<: *shared\n    environment:\n      SERVICE: b\n',
  'case-11':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  initContainers:\n' +
    '    - name: agent\n      image: >-\n        mirror.example.com/acme/agent:1.44.0\n' +
    '  containers:\n    - name: main\n      image: |-\n        mirror.example.com/acme/main:2.0\n',
  'case-12':
    'image:\n  registry: mirror.example.com\n  repository: library/toolbox\n' + `  digest: ${D0}\n`,
  'case-13':
    'name: ci\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n' +
    '      - name: first\n        uses: docker://mirror.example.com/acme/linter:42.32.0\n' +
    '      - uses: docker://mirror.example.com/acme/linter:42.32.0\n        name: second\n',
};

let cases: BugCase[];
beforeAll(async () => {
  cases = await readJsonl<BugCase>('bug-cases.jsonl');
});

function rewrite(file: string, text: string) {
  const { occurrences } = extractorFor(KINDS[file] as FileKind)(text, file);
  const plan = planRewrite(occurrences, {
    mirrors: [parseMirror('mirror.example.com')],
    rules: [],
    exclude: [],
    texts: texts(file, text),
  });
  return { occurrences, plan, after: applyEdits(text, plan.edits) };
}

describe('bug cases through the real extractors', () => {
  for (const id of Object.keys(EXPECTED)) {
    it(`${id}: rewrites exactly, and a second run changes nothing`, () => {
      const c = cases.find((x) => x.id === id);
      if (c === undefined) throw new Error(`${id} missing`);
      const { after } = rewrite(c.file_name, c.input);
      expect(after).toBe(EXPECTED[id]);
      const again = rewrite(c.file_name, after);
      expect(again.plan.edits).toEqual([]);
      expect(again.after).toBe(after);
    });
  }

  it('case-08: rewrite + pin together', () => {
    const c = cases.find((x) => x.id === 'case-08') as BugCase;
    const { occurrences, plan } = rewrite(c.file_name, c.input);
    const digests = new Map([
      ['docker.io/acme/base:1.0', D0],
      ['docker.io/library/runtime:2.0', DF],
    ]);
    const pins = planPins(occurrences, digests, texts(c.file_name, c.input));
    expect(applyEdits(c.input, [...plan.edits, ...pins])).toBe(
      `FROM mirror.example.com/acme/base:1.0@${D0} AS build\nRUN make\n` +
        `FROM mirror.example.com/library/runtime:2.0@${DF}\n`,
    );
  });
});
