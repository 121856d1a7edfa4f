import fc from 'fast-check';

/** Characters drawn from a fixed alphabet. */
export function chars(
  alphabet: string,
  minLength: number,
  maxLength: number,
): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const WORD = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ_`;

/** path-component := [a-z0-9]+ ((. | _ | __ | -+) [a-z0-9]+)* */
export const pathComponent: fc.Arbitrary<string> = fc
  .tuple(
    chars(LOWER, 1, 8),
    fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), chars(LOWER, 1, 5)), {
      maxLength: 2,
    }),
  )
  .map(([head, rest]) => head + rest.map(([sep, run]) => sep + run).join(''));

/** One to three path components. */
export const remotePath: fc.Arbitrary<string> = fc
  .array(pathComponent, { minLength: 1, maxLength: 3 })
  .map((c) => c.join('/'));

/** tag := [\w][\w.-]{0,127} (kept short). */
export const tag: fc.Arbitrary<string> = fc
  .tuple(chars(WORD, 1, 1), chars(`${WORD}.-`, 0, 15))
  .map(([first, rest]) => first + rest);

/** A sha256 digest. */
export const digest: fc.Arbitrary<string> = chars('0123456789abcdef', 64, 64).map(
  (hex) => `sha256:${hex}`,
);

/** `:tag`, `@digest`, both, or nothing. */
export const suffix: fc.Arbitrary<string> = fc
  .tuple(fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }))
  .map(([t, d]) => (t === undefined ? '' : `:${t}`) + (d === undefined ? '' : `@${d}`));

/**
 * A Docker Hub reference as people write it: a bare path (not a first component Docker
 * would read as a host), or with one of Hub's host names in front.
 */
export const hubReference: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', 'docker.io/', 'index.docker.io/', 'registry-1.docker.io/'),
    remotePath,
    suffix,
  )
  .map(([host, path, s]) => {
    if (host !== '') return host + path + s;
    // A bare first component with a dot, or `localhost`, would be read as a registry.
    const [first = '', ...rest] = path.split('/');
    const namespace = first === 'localhost' ? 'local-host' : first.replaceAll('.', '-');
    return [namespace, ...rest].join('/') + s;
  });

/** A host Docker reads as a registry: dotted, with a port, or localhost; never Docker Hub. */
export const otherHost: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.array(chars(LOWER, 1, 6), { minLength: 2, maxLength: 3 }),
      fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    )
    .map(([labels, port]) => labels.join('.') + (port === undefined ? '' : `:${port}`))
    .filter((h) => !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)(:|$)/.test(h)),
  fc.constantFrom('localhost', 'localhost:5000', '127.0.0.1:5000', 'ghcr.io', 'quay.io'),
  chars(LOWER, 1, 6).chain((h) => fc.integer({ min: 1, max: 65535 }).map((p) => `${h}:${p}`)),
);

/** A reference on another registry. */
export const otherReference: fc.Arbitrary<string> = fc
  .tuple(otherHost, remotePath, suffix)
  .map(([host, path, s]) => `${host}/${path}${s}`);

/**
 * Any reference a file may hold. Texts a Dockerfile reads as something else are left out:
 * `scratch`, and all-digit names (a stage index after `--from=`).
 */
export const anyReference: fc.Arbitrary<string> = fc
  .oneof({ arbitrary: hubReference, weight: 3 }, { arbitrary: otherReference, weight: 1 })
  .filter((r) => !/^(scratch|\d+)([:@]|$)/.test(r));

/** Mirror specs of the presets and plain prefixes. */
export const mirrorSpec: fc.Arbitrary<string> = fc.constantFrom(
  'mirror.example.com',
  'mirror.example.com:5000/hub',
  'mirror.gcr.io',
  'ecr-public',
  'ecr:123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub',
  'harbor:harbor.example.com/proxy',
  'gitlab:gitlab.example.com/group',
  'artifactory:art.example.com/docker-remote',
);

/** How a generated file's lines are joined: line ending, BOM, final newline. */
export interface Layout {
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
}

export const layout: fc.Arbitrary<Layout> = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
});

/** Joins lines by the layout. */
export function joinLines(lines: string[], l: Layout): string {
  const eol = l.crlf ? '\r\n' : '\n';
  return (l.bom ? '\ufeff' : '') + lines.join(eol) + (l.finalNewline ? eol : '');
}

/** A generated file: its name, lines, and the references on them (1-based), in order. */
export interface GeneratedFile {
  name: string;
  lines: string[];
  expected: Array<{ line: number; image: string }>;
}

/** Builds a file from blocks of lines, each with the offsets of its references. */
function assemble(
  name: string,
  blocks: Array<{ lines: string[]; refs: Array<{ at: number; image: string }> }>,
): GeneratedFile {
  const lines: string[] = [];
  const expected: Array<{ line: number; image: string }> = [];
  for (const block of blocks) {
    for (const r of block.refs) expected.push({ line: lines.length + r.at + 1, image: r.image });
    lines.push(...block.lines);
  }
  return { name, lines, expected };
}

/** Lines with no reference a Dockerfile may hold inside a stage. */
const dockerfileFiller = fc.constantFrom<string[]>(
  [],
  ['RUN make'],
  ['# a comment'],
  [''],
  ['RUN apt-get update && \\', '    apt-get install -y curl'],
  ['ENV A=1 B="two words"'],
  ['COPY . /src'],
  ['RUN <<EOF', 'FROM not/an-image:1', 'EOF'],
  ['LABEL org.opencontainers.image.source="https://example.com/x:1"'],
);

/** A name (registry and path, no tag or digest) Docker reads as an image, and a tag. */
const nameAndTag: fc.Arbitrary<[string, string]> = fc
  .tuple(fc.oneof(hubReference, otherReference), tag)
  .map(([ref, t]): [string, string] => [ref.replace(/[:@][^/]*$/, ''), t])
  .filter(([name]) => !/^(scratch|\d+)$/.test(name));

/**
 * How a stage names its base: literally (maybe quoted, maybe after a line continuation),
 * through a global ARG holding the whole reference, or with the tag from a global ARG.
 */
const stageBase = fc.oneof(
  fc
    .tuple(anyReference, fc.constantFrom('plain', 'quoted', 'continued'))
    .map(([image, how]) => ({ image, how, arg: undefined as string | undefined })),
  anyReference.map((image) => ({ image, how: 'arg', arg: image })),
  nameAndTag.map(([name, t]) => ({ image: `${name}:${t}`, how: 'arg-tag', arg: t })),
);

/**
 * A random Dockerfile: optional syntax directive, global ARGs, stages in varied forms,
 * COPY --from and RUN --mount from images, and lines that only look like images.
 */
export const dockerfile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    syntax: fc.option(anyReference, { nil: undefined }),
    stages: fc.array(
      fc.record({
        keyword: fc.constantFrom('FROM', 'from', 'From'),
        platform: fc.constantFrom('', '--platform=linux/amd64 ', '--platform=$BUILDPLATFORM '),
        base: stageBase,
        braces: fc.boolean(),
        named: fc.boolean(),
        body: fc.array(
          fc.oneof(
            dockerfileFiller.map((lines) => ({
              lines,
              refs: [] as Array<{ at: number; image: string }>,
            })),
            anyReference.map((image) => ({
              lines: [`COPY --from=${image} /a /b`],
              refs: [{ at: 0, image }],
            })),
            anyReference.map((image) => ({
              lines: [`RUN --mount=type=bind,from=${image},target=/m true`],
              refs: [{ at: 0, image }],
            })),
          ),
          { maxLength: 4 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ syntax, stages }) => {
    const blocks: Array<{ lines: string[]; refs: Array<{ at: number; image: string }> }> = [];
    if (syntax !== undefined) {
      blocks.push({ lines: [`# syntax=${syntax}`], refs: [{ at: 0, image: syntax }] });
    }
    stages.forEach((s, i) => {
      if (s.base.arg !== undefined) blocks.push({ lines: [`ARG V${i}=${s.base.arg}`], refs: [] });
    });
    stages.forEach((s, i) => {
      const variable = s.braces ? `\${V${i}}` : `$V${i}`;
      const { image, how } = s.base;
      const written =
        how === 'quoted'
          ? `"${image}"`
          : how === 'arg'
            ? variable
            : how === 'arg-tag'
              ? `${image.slice(0, image.lastIndexOf(':'))}:${variable}`
              : image;
      // `s._N` is a valid stage name that no reference can spell.
      const name = s.named ? ` AS s._${i}` : '';
      const head = `${s.keyword} ${s.platform}`;
      blocks.push(
        how === 'continued'
          ? { lines: [`${head}\\`, `  ${written}${name}`], refs: [{ at: 1, image }] }
          : { lines: [`${head}${written}${name}`], refs: [{ at: 0, image }] },
      );
      blocks.push(...s.body);
    });
    return assemble('Dockerfile', blocks);
  });

/** A YAML scalar holding `image` in one of the styles people use, as lines. */
function yamlValue(style: number, image: string, indent: string): { lines: string[]; at: number } {
  // IPv6 hosts and the like would start a flow sequence: always quote what is not plain-safe.
  const plainSafe = /^[a-zA-Z0-9]/.test(image);
  switch (plainSafe ? style : 1) {
    case 0:
      return { lines: [` ${image}`], at: 0 };
    case 1:
      return { lines: [` "${image}"`], at: 0 };
    case 2:
      return { lines: [` '${image}'`], at: 0 };
    case 3:
      return { lines: [' >-', `${indent}  ${image}`], at: 1 };
    case 4:
      return { lines: [' |', `${indent}  ${image}`], at: 1 };
    default:
      return { lines: [` ${image} # pinned later`], at: 0 };
  }
}

/** A compose file whose services each have an image, written in varied YAML styles. */
export const composeFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    shared: fc.option(anyReference, { nil: undefined }),
    services: fc.array(
      fc.tuple(
        fc.option(anyReference, { nil: undefined }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ shared, services }) => {
    const blocks: Array<{ lines: string[]; refs: Array<{ at: number; image: string }> }> = [];
    if (shared !== undefined) {
      // The shared image is pulled only when a service merges it without its own image.
      const used = services.some(([image]) => image === undefined);
      blocks.push({
        lines: ['x-shared: &shared', `  image: "${shared}"`, '  restart: always'],
        refs: used ? [{ at: 1, image: shared }] : [],
      });
    }
    blocks.push({ lines: ['services:'], refs: [] });
    services.forEach(([image, style, withPorts], i) => {
      const lines = [`  svc${i}:`];
      const refs: Array<{ at: number; image: string }> = [];
      if (shared !== undefined) lines.push('    <<: *shared');
      if (image !== undefined) {
        const value = yamlValue(style, image, '    ');
        const [first = '', ...rest] = value.lines;
        refs.push({ at: lines.length + value.at, image });
        lines.push(`    image:${first}`, ...rest);
      }
      if (withPorts || lines.length === 1) lines.push('    ports:', '      - "8080:80"');
      blocks.push({ lines, refs });
    });
    return assemble('compose.yaml', blocks);
  });

/** A Kubernetes Deployment with containers and init containers in varied styles. */
export const kubernetesFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    containers: fc.array(fc.tuple(anyReference, fc.integer({ min: 0, max: 5 }), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    }),
    init: fc.array(anyReference, { maxLength: 2 }),
  })
  .map(({ containers, init }) => {
    const blocks: Array<{ lines: string[]; refs: Array<{ at: number; image: string }> }> = [
      {
        lines: [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: app',
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
        ],
        refs: [],
      },
    ];
    containers.forEach(([image, style, imageFirst], i) => {
      const value = yamlValue(style, image, '          ');
      const [first = '', ...rest] = value.lines;
      if (imageFirst) {
        blocks.push({
          lines: [`        - image:${first}`, ...rest, `          name: c${i}`],
          refs: [{ at: value.at, image }],
        });
      } else {
        blocks.push({
          lines: [`        - name: c${i}`, `          image:${first}`, ...rest],
          refs: [{ at: 1 + value.at, image }],
        });
      }
    });
    if (init.length > 0) {
      const items = init.map((image, i) => `{name: i${i}, image: "${image}"}`);
      blocks.push({
        lines: [`      initContainers: [${items.join(', ')}]`],
        refs: init.map((image) => ({ at: 0, image })),
      });
    }
    return assemble('deployment.yaml', blocks);
  });

/** Any of the generated file kinds. */
export const anyFile: fc.Arbitrary<GeneratedFile> = fc.oneof(
  dockerfile,
  composeFile,
  kubernetesFile,
);
