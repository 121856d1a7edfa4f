#!/usr/bin/env node
// The CLI as installed by `npm install` or run in a clone with `npx hubcap`.
import '../dist/cli.js';
