import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { deref, mapEntries, type YamlDoc } from './yaml-source.js';

/** A mapping met during a walk, with the key it stands under (undefined at the top). */
export interface WalkedMap {
  map: YAMLMap;
  /** The mapping key this map is the value of; for a sequence item, the sequence's key. */
  key: string | undefined;
}

/**
 * Visits every mapping under `node` in document order, following aliases and merge keys.
 * Each node is visited once, so shared (anchored) parts and alias loops cost nothing extra.
 */
export function walkMaps(node: unknown, doc: YamlDoc, visit: (walked: WalkedMap) => void): void {
  const seen = new Set<Node>();
  const stack: Array<{ node: unknown; key: string | undefined }> = [{ node, key: undefined }];
  while (stack.length > 0) {
    const next = stack.pop() as { node: unknown; key: string | undefined };
    const target = deref(next.node, doc);
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const children: Array<{ node: unknown; key: string | undefined }> = [];
    if (isMap(target)) {
      visit({ map: target, key: next.key });
      for (const entry of mapEntries(target, doc)) {
        children.push({ node: entry.value, key: entry.key });
      }
    } else if (isSeq(target)) {
      for (const item of target.items) children.push({ node: item, key: next.key });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof children)[0]);
  }
}
