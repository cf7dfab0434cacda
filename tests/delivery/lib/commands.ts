/**
 * The commands of a CodeBuild buildspec, and the README's copy of them. README.md marks each copy
 * with `<!-- commands: <file> -->` right above a fenced bash block; the block must list the same
 * commands in the same order, so a reader can run by hand exactly what the pipeline runs.
 */
import { isObject } from './json.js';

const PHASES = ['install', 'pre_build', 'build', 'post_build'];
const normalize = (command: string) => command.replace(/\s+/g, ' ').trim();

/** Every command of a parsed buildspec, phase by phase (commands, then finally). */
export function buildspecCommands(buildspec: unknown): string[] {
  const phases = isObject(buildspec) && isObject(buildspec.phases) ? buildspec.phases : {};
  return PHASES.flatMap((name) => {
    const phase = phases[name];
    if (!isObject(phase)) return [];
    return [phase.commands, phase.finally].flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
  }).map(normalize);
}

/** A command without its leading `NAME=value` assignments (`PATH="..." sam build` is `sam build`). */
export const withoutVariables = (command: string): string =>
  command.replace(/^(?:[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|\S*)\s+)+/, '');

/** A README section: from `<!-- section:name -->` to the next section marker. */
export function readmeSection(readme: string, name: string): string {
  const start = readme.indexOf(`<!-- section:${name} -->`);
  if (start < 0) return '';
  const next = readme.indexOf('<!-- section:', start + 1);
  return readme.slice(start, next < 0 ? undefined : next);
}

/** The commands of the fenced block under `<!-- commands: file -->` (comments dropped, `\` lines joined). */
export function readmeCommands(markdown: string, file: string): string[] | undefined {
  const marker = markdown.indexOf(`<!-- commands: ${file} -->`);
  if (marker < 0) return undefined;
  const block = /```(?:bash|sh)?\n([\s\S]*?)```/.exec(markdown.slice(marker));
  if (!block) return undefined;
  return (block[1] as string)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(normalize)
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Each difference between what a buildspec runs and what the README shows, in both directions. */
export function commandDrift(file: string, spec: string[], readme: string[] | undefined): string[] {
  if (!readme) return [`README.md has no <!-- commands: ${file} --> block`];
  const drift: string[] = [];
  for (const c of spec) if (!readme.includes(c)) drift.push(`${file} runs, README does not show: ${c}`);
  for (const c of readme) if (!spec.includes(c)) drift.push(`README shows, ${file} does not run: ${c}`);
  if (drift.length === 0 && spec.join('\n') !== readme.join('\n'))
    drift.push(`README lists the commands of ${file} in another order`);
  return drift;
}

/** Variables every shell has: bash sets PWD and HOME, the build image's environment sets PATH. */
const SHELL_VARIABLES = ['HOME', 'PATH', 'PWD'];

/** Shell variables a command list reads but neither assigns nor exports itself (nor the shell sets). */
export function variablesFromOutside(commands: string[]): string[] {
  const assigned = new Set<string>(SHELL_VARIABLES);
  const outside = new Set<string>();
  for (const command of commands) {
    for (const m of command.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = m[1] as string;
      if (!assigned.has(name)) outside.add(name);
    }
    for (const m of command.matchAll(/(?:^|\s|export\s+)([A-Za-z_][A-Za-z0-9_]*)=/g))
      assigned.add(m[1] as string);
  }
  return [...outside].sort();
}
