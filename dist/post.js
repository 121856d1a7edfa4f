import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  WarningBudget,
  layerCachePost,
  quotaAfter,
  readInputs
} from "./chunks/chunk-6UE4VJID.js";
import "./chunks/chunk-Z4CT5SYS.js";
import {
  group,
  warning
} from "./chunks/chunk-VYUANQAS.js";
import "./chunks/chunk-6TVOSYPB.js";

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
