/**
 * What `sam build` needs on disk for each function: the CodeUri folder, every esbuild entry point,
 * a Handler whose module is one of those entry points (esbuild names each bundle after its entry),
 * and that entry exporting the Handler's function.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Json, JsonObject, SamFunction } from 'sam-local/template';

const asStrings = (v: Json | undefined): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];

/** Whether TypeScript/JavaScript source exports `name` (declaration or export list). */
export function exportsName(source: string, name: string): boolean {
  const declared = new RegExp(`export\\s+(?:const|let|var|(?:async\\s+)?function\\*?|class)\\s+${name}\\b`);
  const listed = new RegExp(`export\\s*\\{[^}]*\\b(?:\\w+\\s+as\\s+)?${name}\\b[^}]*\\}`);
  return declared.test(source) || listed.test(source);
}

export function functionFileProblems(templateDir: string, functions: SamFunction[]): string[] {
  const problems: string[] = [];
  for (const { logicalId, properties, metadata } of functions) {
    const codeUri = typeof properties.CodeUri === 'string' ? properties.CodeUri : undefined;
    if (!codeUri) {
      problems.push(`${logicalId}: CodeUri is not a local path`);
      continue;
    }
    const codeDir = resolve(templateDir, codeUri);
    if (!existsSync(codeDir) || !statSync(codeDir).isDirectory()) {
      problems.push(`${logicalId}: CodeUri ${codeUri} is not a folder`);
      continue;
    }
    const handler = typeof properties.Handler === 'string' ? properties.Handler : '';
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) {
      problems.push(`${logicalId}: Handler ${JSON.stringify(handler)} is not <module>.<export>`);
      continue;
    }
    const [handlerModule, handlerExport] = [handler.slice(0, dot), handler.slice(dot + 1)];
    if (metadata.BuildMethod !== 'esbuild') {
      problems.push(`${logicalId}: Metadata.BuildMethod is not esbuild`);
      continue;
    }
    const entryPoints = asStrings(((metadata.BuildProperties ?? {}) as JsonObject).EntryPoints);
    if (entryPoints.length === 0) problems.push(`${logicalId}: no Metadata.BuildProperties.EntryPoints`);
    for (const entry of entryPoints) {
      if (!existsSync(resolve(codeDir, entry)))
        problems.push(`${logicalId}: entry point ${entry} does not exist`);
    }
    const entry = entryPoints.find((e) => basename(e, extname(e)) === basename(handlerModule));
    if (!entry) {
      problems.push(
        `${logicalId}: Handler ${handler} names none of the entry points (${entryPoints.join(', ')})`,
      );
    } else if (existsSync(resolve(codeDir, entry))) {
      if (!exportsName(readFileSync(resolve(codeDir, entry), 'utf8'), handlerExport))
        problems.push(`${logicalId}: ${entry} does not export ${handlerExport}`);
    }
  }
  return problems;
}
