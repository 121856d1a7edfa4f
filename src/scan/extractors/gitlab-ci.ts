import type { YAMLMap } from 'yaml';
import type { Extractor } from '../types.js';
import type { OccurrenceCollector } from './collector.js';
import { addYamlLiteral, extractYaml } from './yaml-extract.js';
import { asMap, asSeq, mapEntries, mapGet, type YamlDoc } from './yaml-source.js';

/** Top-level keys of `.gitlab-ci.yml` that are not jobs. */
const NOT_JOBS = new Set([
  'image',
  'services',
  'default',
  'variables',
  'stages',
  'include',
  'workflow',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/** A value with a GitLab variable (`$CI_REGISTRY/…`, `${IMAGE}`) is known only at run time. */
const hasVariable = (value: string): boolean => value.includes('$');

/** Adds an `image:` value: a string, or a map whose `name` is the image. */
function addImage(collector: OccurrenceCollector, node: unknown, doc: YamlDoc): void {
  const map = asMap(node, doc);
  const image = map ? mapGet(map, 'name', doc) : node;
  addYamlLiteral(collector, 'gitlab-ci', image, doc, { skip: hasVariable });
}

/** Adds the images of `image:` and `services:` of one mapping (top level, default, a job). */
function addImagesOf(collector: OccurrenceCollector, owner: YAMLMap, doc: YamlDoc): void {
  addImage(collector, mapGet(owner, 'image', doc), doc);
  const services = asSeq(mapGet(owner, 'services', doc), doc);
  for (const service of services?.items ?? []) addImage(collector, service, doc);
}

/**
 * GitLab CI: top-level `image`/`services`, `default.image`/`default.services` and every
 * job's (hidden `.template` jobs included) `image`/`services`, each a string or a map with
 * `name`. Values with variables are passed over without a problem.
 */
export const extractGitlabCi: Extractor = (text, file) =>
  extractYaml(text, file, 'gitlab-ci', (doc, collector) => {
    const root = asMap(doc.contents, doc);
    if (!root) return;
    addImagesOf(collector, root, doc);
    const defaults = asMap(mapGet(root, 'default', doc), doc);
    if (defaults) addImagesOf(collector, defaults, doc);
    for (const entry of mapEntries(root, doc)) {
      if (NOT_JOBS.has(entry.key)) continue;
      const job = asMap(entry.value, doc);
      if (job) addImagesOf(collector, job, doc);
    }
  });
