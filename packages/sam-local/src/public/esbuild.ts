/** A function's `sam build` (Metadata.BuildMethod: esbuild) as esbuild options: what to bundle, where, and how. */
export { functionBuild, type FunctionBuild } from '../sam/esbuild.js';
