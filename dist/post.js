import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  WarningBudget,
  group,
  quotaAfter,
  readInputs,
  warning
} from "./chunks/chunk-U2PLWHTJ.js";
import "./chunks/chunk-7DE5SCPN.js";

// src/action/post.ts
async function runPost(env = process.env) {
  try {
    const inputs = readInputs(env);
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
