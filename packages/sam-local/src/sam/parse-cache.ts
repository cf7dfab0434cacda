/**
 * CloudFormation YAML parsed once per content, kept as JSON in <dir>/<hash>.json: the next start
 * reads the template (and the API definition it includes) with JSON.parse, about thirty times
 * faster than parsing YAML again. The key covers the text, this package's tag table (cfn-yaml.ts)
 * and the yaml library's version, so a change to any of them parses anew. Entries are written under
 * a temporary name and renamed; an entry that cannot be read or written just means a parse.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { parseCloudFormationYaml } from './cfn-yaml.js';
import type { YamlParser } from './template.js';

function parserIdentity(): string {
  const require = createRequire(join(packageRoot, 'package.json'));
  const { version } = require('yaml/package.json') as { version: string };
  return `${version}\n${readFileSync(join(packageRoot, 'src', 'sam', 'cfn-yaml.ts'), 'utf8')}`;
}

export function cachedYamlParser(dir: string): YamlParser {
  let identity: string | undefined;
  return (text) => {
    identity ??= parserIdentity();
    const key = createHash('sha1').update(identity).update('\n').update(text).digest('hex');
    const file = join(dir, `${key}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch {
      // not parsed before (or unreadable): parse it now
    }
    const parsed = parseCloudFormationYaml(text);
    try {
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(parsed));
      renameSync(temporary, file);
    } catch {
      // a read-only folder: the next start parses again
    }
    return parsed;
  };
}
