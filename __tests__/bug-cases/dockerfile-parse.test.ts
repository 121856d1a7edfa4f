import { SCRATCH_REASON } from '../../src/scan/dockerfile/extract.js';
import { skipRows } from '../../src/report/skips.js';
import { describe, expect, it } from 'vitest';
import {
  bugCase,
  expectStable,
  parts,
  refs,
  rewrites,
  runCase,
  runOnFile,
  skips,
} from './harness.js';

describe('case-01: an image used only by COPY --from', () => {
  it('is found and rewritten with FROM; scratch, stage names, indexes are not', async () => {
    const run = await runCase(await bugCase('case-01'));
    expect(refs(run.first)).toEqual([
      [1, 'from', 'acme/base:3.18'],
      [4, 'copy-from', 'acme/certdump:v2.7.0'],
    ]);
    // `build` and `0` are not references at all; `scratch` is listed as skipped, with why.
    expect(skips(run.first)).toEqual([]);
    expect(skipRows(run.first)).toEqual([
      { file: 'Dockerfile', line: 3, ref: 'scratch', reason: SCRATCH_REASON },
    ]);
    expect(rewrites(run.first)).toEqual([
      [1, 'acme/base:3.18', 'mirror.example.com/acme/base:3.18'],
      [4, 'acme/certdump:v2.7.0', 'mirror.example.com/acme/certdump:v2.7.0'],
    ]);
    expect(run.after).toBe(
      [
        'FROM mirror.example.com/acme/base:3.18 AS build',
        'RUN make',
        'FROM scratch',
        'COPY --from=mirror.example.com/acme/certdump:v2.7.0 /usr/bin/certdump /usr/bin/certdump',
        'COPY --from=build /out/app /app',
        'COPY --from=0 /etc/ssl /etc/ssl',
        '',
      ].join('\n'),
    );
    expectStable(run);
  });

  it('also finds RUN --mount from=<image>, and leaves a mount of a stage alone', async () => {
    const run = await runOnFile(
      'Dockerfile',
      'FROM acme/base:1 AS build\n' +
        'FROM acme/run:1\n' +
        'RUN --mount=type=bind,from=acme/tools:2,target=/t make\n' +
        'RUN --mount=type=cache,from=build,target=/c make\n' +
        'COPY --from=0 /x /x\n',
    );
    expect(refs(run.first)).toEqual([
      [1, 'from', 'acme/base:1'],
      [2, 'from', 'acme/run:1'],
      [3, 'mount-from', 'acme/tools:2'],
    ]);
    expect(run.after).toBe(
      'FROM mirror.example.com/acme/base:1 AS build\n' +
        'FROM mirror.example.com/acme/run:1\n' +
        'RUN --mount=type=bind,from=mirror.example.com/acme/tools:2,target=/t make\n' +
        'RUN --mount=type=cache,from=build,target=/c make\n' +
        'COPY --from=0 /x /x\n',
    );
    expectStable(run);
  });
});

describe('case-02: an instruction right after a heredoc terminator', () => {
  it('parses, finds both images and rewrites only them', async () => {
    const run = await runCase(await bugCase('case-02'));
    expect(refs(run.first)).toEqual([
      [1, 'from', 'shell:3.17'],
      [6, 'from', 'acme/app:1.0'],
    ]);
    expect(parts(run.first.scan.occurrences[0]).normalized).toBe('docker.io/library/shell:3.17');
    expect(run.after).toBe(
      [
        'FROM mirror.example.com/library/shell:3.17 AS tools',
        'RUN <<EOF',
        '    echo "test"',
        'EOF',
        '# comment right after the terminator',
        'FROM mirror.example.com/acme/app:1.0',
        'COPY --from=tools /bin/echo /bin/echo',
        '',
      ].join('\n'),
    );
    expectStable(run);
  });

  it('handles <<- with tabs, two heredocs on a line, FROM text inside a heredoc', async () => {
    const run = await runOnFile(
      'Dockerfile',
      'FROM acme/a:1\n' +
        'RUN <<-EOT bash\n\techo hi\n\tEOT\n' +
        'FROM acme/b:2\n' +
        'RUN <<ONE cat && <<TWO cat\nFROM fake/one:1\nONE\nFROM fake/two:2\nTWO\n' +
        'COPY <<EOF /etc/motd\nFROM fake/three:3\nEOF\n' +
        'FROM acme/c:3\n',
    );
    expect(refs(run.first)).toEqual([
      [1, 'from', 'acme/a:1'],
      [5, 'from', 'acme/b:2'],
      [14, 'from', 'acme/c:3'],
    ]);
    expect(run.after).toBe(
      'FROM mirror.example.com/acme/a:1\n' +
        'RUN <<-EOT bash\n\techo hi\n\tEOT\n' +
        'FROM mirror.example.com/acme/b:2\n' +
        'RUN <<ONE cat && <<TWO cat\nFROM fake/one:1\nONE\nFROM fake/two:2\nTWO\n' +
        'COPY <<EOF /etc/motd\nFROM fake/three:3\nEOF\n' +
        'FROM mirror.example.com/acme/c:3\n',
    );
    expectStable(run);
  });
});

describe('case-03: stage names are case-insensitive', () => {
  it('rewrites only the image, never the stage referred to as base or Base', async () => {
    const run = await runCase(await bugCase('case-03'));
    expect(refs(run.first)).toEqual([[1, 'from', 'acme/os:14.04']]);
    expect(run.after).toBe(
      'FROM mirror.example.com/acme/os:14.04 AS BASE\n' +
        'FROM base AS dist\n' +
        'COPY --from=Base /etc/os-release /etc/os-release\n',
    );
    expect(run.after).not.toContain('library/base');
    expectStable(run);
  });

  it('treats RUN --mount from=<STAGE> in any case as the stage', async () => {
    const run = await runOnFile(
      'Dockerfile',
      'FROM acme/os:1 AS Builder\n' +
        'FROM builder AS next\n' +
        'RUN --mount=from=BUILDER,target=/b true\n' +
        'FROM next\n' +
        'COPY --from=NeXt /x /x\n',
    );
    expect(refs(run.first)).toEqual([[1, 'from', 'acme/os:1']]);
    expect(run.after).toBe(
      'FROM mirror.example.com/acme/os:1 AS Builder\n' +
        'FROM builder AS next\n' +
        'RUN --mount=from=BUILDER,target=/b true\n' +
        'FROM next\n' +
        'COPY --from=NeXt /x /x\n',
    );
    expectStable(run);
  });
});
