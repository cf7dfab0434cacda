#!/usr/bin/env node
// The `sam-local` command. The runner is TypeScript, run through tsx's loader (registered here, so
// no build step stands between `npm ci` and a start); function bundles and the worker host are
// built by esbuild and run as plain JavaScript.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
