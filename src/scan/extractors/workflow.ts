import type { Extractor } from '../types.js';
import { addYamlLiteral, extractYaml } from './yaml-extract.js';
import { asMap, asSeq, mapEntries, mapGet } from './yaml-source.js';

/** A value holding a GitHub expression (`${{ … }}`) is known only at run time. */
const isExpression = (value: string): boolean => value.includes('${{');

/**
 * GitHub Actions workflows: `jobs.*.container` (a string or a map's `image`),
 * `jobs.*.services.*.image` and `jobs.*.steps[].uses: docker://…` (the span covers only
 * the reference after `docker://`). Values with expressions are passed over.
 */
export const extractWorkflow: Extractor = (text, file) =>
  extractYaml(text, file, 'workflow', (doc, collector) => {
    const root = asMap(doc.contents, doc);
    const jobs = root && asMap(mapGet(root, 'jobs', doc), doc);
    if (!jobs) return;
    const options = { skip: isExpression };
    for (const job of mapEntries(jobs, doc)) {
      const body = asMap(job.value, doc);
      if (!body) continue;
      const container = mapGet(body, 'container', doc);
      const containerMap = asMap(container, doc);
      const containerImage = containerMap ? mapGet(containerMap, 'image', doc) : container;
      addYamlLiteral(collector, 'workflow-container', containerImage, doc, options);
      const services = asMap(mapGet(body, 'services', doc), doc);
      for (const service of services ? mapEntries(services, doc) : []) {
        const serviceMap = asMap(service.value, doc);
        if (!serviceMap) continue;
        const image = mapGet(serviceMap, 'image', doc);
        addYamlLiteral(collector, 'workflow-service', image, doc, options);
      }
      const steps = asSeq(mapGet(body, 'steps', doc), doc);
      for (const step of steps?.items ?? []) {
        const stepMap = asMap(step, doc);
        if (!stepMap) continue;
        addYamlLiteral(collector, 'workflow-uses', mapGet(stepMap, 'uses', doc), doc, {
          ...options,
          prefix: 'docker://',
        });
      }
    }
  });
