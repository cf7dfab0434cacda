/**
 * `npm run build`: bundles every function of template.yaml with esbuild, as `sam build` would,
 * into dist/<LogicalId>/ without the SAM CLI, and prints each bundle's size.
 */
import { rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { functionBuild } from 'sam-local/esbuild';
import { functionsOf, loadTemplate } from 'sam-local/template';
import { root } from './generate-api.js';

export async function buildAll(outRoot = join(root, 'dist')) {
  const template = loadTemplate(join(root, 'template.yaml'));
  await rm(outRoot, { recursive: true, force: true });
  const results = [];
  for (const fn of functionsOf(template)) {
    const plan = functionBuild(template, fn, join(outRoot, fn.logicalId));
    const out = await build(plan.options);
    if (out.errors.length > 0)
      throw new Error(`${fn.logicalId}: ${out.errors.map((e) => e.text).join('; ')}`);
    const { size } = await stat(plan.handlerFile);
    results.push({
      function: fn.logicalId,
      path: plan.handlerFile,
      file: relative(root, plan.handlerFile),
      handlerExport: plan.handlerExport,
      bytes: size,
    });
  }
  return results;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''));
if (isMain) {
  const results = await buildAll();
  for (const r of results) {
    console.log(`${r.function.padEnd(24)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB  ${r.file}`);
  }
  console.log(`built ${results.length} functions into dist/`);
}
