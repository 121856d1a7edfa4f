import type { YAMLMap } from 'yaml';
import type { Extractor } from '../types.js';
import { addYamlLiteral, extractYaml } from './yaml-extract.js';
import { asMap, asScalar, asSeq, mapGet, type YamlDoc } from './yaml-source.js';
import { walkMaps } from './yaml-walk.js';

/** The container lists of a pod spec. */
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** A key a pod spec (or a template holding one) stands under: `spec`, `podSpec`, `template`. */
const isPodSpecKey = (key: string): boolean => /(spec|template)$/i.test(key);

/** True when a document has a string `apiVersion` and `kind`. */
function isObject(root: YAMLMap, doc: YamlDoc): boolean {
  return ['apiVersion', 'kind'].every((key) => {
    const value: unknown = asScalar(mapGet(root, key, doc), doc)?.value;
    return typeof value === 'string' && value !== '';
  });
}

/** An `image` key in block, flow or JSON style: `image:`, `"image":`, `{image: x}`. */
const IMAGE_KEY = /image['"]?\s*:/;

/**
 * Kubernetes manifests: in every document with `apiVersion` and `kind` (all documents of a
 * multi-document file, the items of a `kind: List`), the `image` of each entry of
 * `containers`, `initContainers` and `ephemeralContainers` in any mapping under a key
 * ending in `spec`/`template`. That covers Pod `spec`, workload `spec.template.spec`,
 * CronJob `spec.jobTemplate.spec.template.spec` and custom resources embedding pod specs.
 */
export const extractKubernetes: Extractor = (text, file) =>
  // Most manifests hold no container at all (Services, CRDs, RBAC); without an `image` key
  // there is nothing to find, so the YAML parse, the bulk of a scan's time, is skipped.
  !IMAGE_KEY.test(text)
    ? { occurrences: [], problems: [] }
    : extractYaml(text, file, 'kubernetes', (doc, collector) => {
        const root = asMap(doc.contents, doc);
        if (!root || !isObject(root, doc)) return;
        walkMaps(root, doc, ({ map, key }) => {
          if (key === undefined || !isPodSpecKey(key)) return;
          for (const list of CONTAINER_LISTS) {
            const containers = asSeq(mapGet(map, list, doc), doc);
            for (const item of containers?.items ?? []) {
              const container = asMap(item, doc);
              if (!container) continue;
              addYamlLiteral(collector, 'kubernetes', mapGet(container, 'image', doc), doc);
            }
          }
        });
      });
