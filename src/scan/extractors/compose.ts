import type { Extractor } from '../types.js';
import { addYamlLiteral, extractYaml } from './yaml-extract.js';
import { asMap, mapEntries, mapGet } from './yaml-source.js';

/** A Compose value with `$VAR` / `${VAR:-x}` interpolation cannot be resolved statically. */
function interpolation(value: string): string | undefined {
  if (!value.includes('$')) return undefined;
  return `image ${JSON.stringify(value)} uses Compose variable interpolation; not resolved`;
}

/** Why the image of a service with `build:` is left alone. */
export const BUILT_BY_COMPOSE = 'built locally by Compose (the service has `build:`), not pulled';

/**
 * Compose files: `services.*.image`, also when a service gets its `image` from an
 * anchored (`x-` extension) mapping through an alias or a `<<` merge key. The occurrence
 * is the anchored literal, reported once however many services share it.
 */
export const extractCompose: Extractor = (text, file) =>
  extractYaml(text, file, 'compose', (doc, collector) => {
    const root = asMap(doc.contents, doc);
    const services = root && asMap(mapGet(root, 'services', doc), doc);
    if (!services) return;
    for (const service of mapEntries(services, doc)) {
      const body = asMap(service.value, doc);
      if (!body) continue;
      const built = mapGet(body, 'build', doc) !== undefined;
      addYamlLiteral(collector, 'compose', mapGet(body, 'image', doc), doc, {
        refuse: interpolation,
        marks: built ? { locked: BUILT_BY_COMPOSE, builtLocally: true } : undefined,
      });
    }
  });
