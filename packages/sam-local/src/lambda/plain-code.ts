/**
 * A function with no `Metadata.BuildMethod` (as `sam init`'s JavaScript templates declare them):
 * its code runs in place from `CodeUri`, with the node_modules it has there, as Lambda runs the
 * unzipped package. `Handler: src/handlers/get-all-items.getAllItemsHandler` names the module
 * `src/handlers/get-all-items` under CodeUri and its export; the Node.js runtime looks for the
 * module as `.js`, `.mjs` or `.cjs` (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html).
 * Nothing is built: a saved edit reaches the next invocation through a new worker.
 *
 * InlineCode is not run (explain/rules.ts says so; its row is this error's text).
 *
 * Not emulated: the AWS SDK the Lambda runtime provides. Code that imports `@aws-sdk/*` without
 * declaring it resolves it as Node does, from CodeUri's node_modules or a parent folder's.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plain, propertyRule, RULES } from '../explain/rules.js';
import { handlerOf, type SamFunction, type SamTemplate } from '../sam/template.js';
import type { FunctionBundle } from './function.js';

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

export interface PlainCode {
  /** CodeUri: Lambda's task root. */
  codeDir: string;
  bundle: FunctionBundle;
}

export function plainCode(template: SamTemplate, fn: SamFunction): PlainCode {
  if (fn.properties.InlineCode !== undefined)
    throw new Error(
      `${fn.logicalId}: InlineCode: ${plain(propertyRule(RULES.resources, 'AWS::Serverless::Function', 'InlineCode').how)}`,
    );
  const runtime = typeof fn.properties.Runtime === 'string' ? fn.properties.Runtime : '';
  if (!runtime.startsWith('nodejs'))
    throw new Error(`${fn.logicalId}: Runtime ${runtime || '(none)'}: only Node.js functions run locally`);
  const codeDir = resolve(
    template.dir,
    typeof fn.properties.CodeUri === 'string' ? fn.properties.CodeUri : '.',
  );
  const { handler, module, exportName } = handlerOf(fn);
  const handlerFile = MODULE_EXTENSIONS.map((ext) => join(codeDir, `${module}${ext}`)).find((f) =>
    existsSync(f),
  );
  if (!handlerFile)
    throw new Error(
      `${fn.logicalId}: Handler ${handler}: no ${MODULE_EXTENSIONS.map((e) => `${module}${e}`).join(', ')} under ${codeDir}`,
    );
  return { codeDir, bundle: { handlerFile, handlerExport: exportName, taskRoot: codeDir } };
}

/** The folders of a plain function's own sources (not node_modules, not dot folders), to watch. */
export function sourceFolders(codeDir: string, limit = 200): string[] {
  const folders: string[] = [];
  const pending = [codeDir];
  while (pending.length > 0 && folders.length < limit) {
    const dir = pending.shift() as string;
    folders.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries)
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
        pending.push(join(dir, e.name));
  }
  return folders;
}
