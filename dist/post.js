import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  WarningBudget,
  layerCachePost,
  quotaAfter,
  readInputs
} from "./chunks/chunk-UANFGAVS.js";
import "./chunks/chunk-3KFEY7Y4.js";
import {
  group,
  warning
} from "./chunks/chunk-DT2TIFP6.js";
import "./chunks/chunk-63H2OZK5.js";

// src/action/post.ts
async function runPost(env = process.env) {
  try {
    const inputs = readInputs(env);
    if (inputs.cache.enabled) {
      await group("Layer cache: prune and save", () => layerCachePost(inputs));
    }
    if (inputs.quota.enabled) {
      await group(
        "Docker Hub quota after the job",
        () => quotaAfter(inputs, env, new WarningBudget())
      );
    }
  } catch (error) {
    warning(`hubcap post step: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// src/action/post-entry.ts
await runPost();
