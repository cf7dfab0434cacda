/**
 * Which programs from outside npm each command of a buildspec runs, and whether the buildspec's
 * install phase installs them: a command that needs a tool nothing installed fails in CodeBuild
 * only after the install, lint and test minutes.
 *
 * What a command needs is read from the project itself, not from a list kept by hand:
 * - `sam ...` needs the SAM CLI; `sam build` also needs esbuild on PATH when template.yaml builds a
 *   function with esbuild (SAM runs esbuild from PATH or from the production dependencies it
 *   installs in a scratch folder, never from the project's node_modules; aws-lambda-builders'
 *   nodejs_npm_esbuild workflow, `_get_esbuild_subprocess`).
 * - `npm test` / `npm run X` needs what its package.json script needs, following `npm run` chains,
 *   shell scripts it runs (a tool named as a command word), TypeScript it runs, and for jest the test
 *   files `jest --listTests` lists for that script's arguments.
 * - TypeScript needs a tool when its code, or the code of any project file it imports (esbuild's
 *   import graph), passes the tool's name to a call, as a spawn, execFile or `requireTool` does;
 *   comments do not count, and tests/support/external-tools.ts only describes the tools and is not
 *   read. A program a test starts by path (the local runner) is not followed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, transform } from 'esbuild';
import {
  SAM_CLI,
  externalToolNames,
  externalTools,
  type ExternalToolName,
} from '../../support/external-tools.js';
import { buildspecCommands, withoutVariables } from './commands.js';
import { isObject } from './json.js';

const run = promisify(execFile);
const TOOL_TABLE = 'tests/support/external-tools.ts';
/** The tool SAM's esbuild workflow looks up on PATH; npm ci installs it under node_modules/.bin. */
const ESBUILD = 'esbuild';
const BIN_ON_PATH = /\bPATH=["']?[^\s"']*node_modules\/\.bin\b/;

export interface ProjectFacts {
  root: string;
  scripts: Record<string, string>;
  /** template.yaml builds at least one function with Metadata.BuildMethod esbuild. */
  samBuildsWithEsbuild: boolean;
}

interface Need {
  tool: string;
  why: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The tool as a command word of a shell line. */
const shellWord = (tool: string) => new RegExp(`(?:^|[\\s;&|(\`])${escape(tool)}(?=$|[\\s;&|)\`])`, 'm');
/** The tool's name passed as the first argument of a call: `spawn('x', ...)`, `requireTool('x')`. */
const calledWith = (tool: string) => new RegExp(`\\(\\s*['"\`]${escape(tool)}['"\`]`);

/** Tools a shell text runs as commands (comment lines dropped). */
function shellNeeds(text: string, why: string): Need[] {
  const code = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
  return externalToolNames.filter((tool) => shellWord(tool).test(code)).map((tool) => ({ tool, why }));
}

/** Tools that TypeScript/JavaScript entry files, or the project files they import, name. */
async function sourceNeeds(root: string, entryPoints: string[]): Promise<Need[]> {
  if (entryPoints.length === 0) return [];
  const result = await build({
    entryPoints,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(root, '.tool-needs'),
    logLevel: 'silent',
  });
  const needs: Need[] = [];
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    for (const input of Object.keys(output.inputs)) {
      if (input === TOOL_TABLE || !/\.[cm]?[jt]s$/.test(input)) continue;
      // Compiled, so comments (which may mention a tool) are gone and only code is read.
      const { code: source } = await transform(readFileSync(join(root, input), 'utf8'), {
        loader: input.endsWith('ts') ? 'ts' : 'js',
      });
      for (const tool of externalToolNames) {
        if (calledWith(tool).test(source))
          needs.push({
            tool,
            why: input === output.entryPoint ? input : `${output.entryPoint} via ${input}`,
          });
      }
    }
  }
  return needs;
}

/**
 * The test files jest runs with the arguments a script gives it. Remembered per folder and
 * arguments: each `jest --listTests` is a Node process of a few seconds, and every check of a
 * buildspec asks again for the same scripts.
 */
const listed = new Map<string, Promise<string[]>>();
function jestFiles(root: string, args: string[]): Promise<string[]> {
  const key = JSON.stringify([root, args]);
  let files = listed.get(key);
  if (!files) listed.set(key, (files = listTests(root, args)));
  return files;
}

async function listTests(root: string, args: string[]): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [join(root, 'node_modules/jest/bin/jest.js'), '--listTests', ...args],
    {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(root))
    .map((l) => l.slice(root.length + 1));
}

/** Tools an npm script needs, following what it runs. */
async function scriptNeeds(name: string, facts: ProjectFacts, seen = new Set<string>()): Promise<Need[]> {
  const script = facts.scripts[name];
  if (script === undefined || seen.has(name)) return [];
  seen.add(name);
  const needs = shellNeeds(script, `package.json script ${name}`);
  for (const m of script.matchAll(/\bnpm (?:run (\S+)|(test|t)\b)/g))
    needs.push(...(await scriptNeeds(m[1] ?? 'test', facts, seen)));
  const words = script.split(/\s+/);
  for (const file of words.filter((w) => /\.sh$/.test(w) && existsSync(join(facts.root, w))))
    needs.push(...shellNeeds(readFileSync(join(facts.root, file), 'utf8'), file));
  const sources = words.filter((w) => /\.[cm]?[jt]s$/.test(w) && !/\.config\./.test(w));
  needs.push(
    ...(await sourceNeeds(
      facts.root,
      sources.filter((w) => existsSync(join(facts.root, w))),
    )),
  );
  const jest = /(?:^|\s)jest((?:\s+[^\s&|;]+)*)/.exec(script);
  if (jest) {
    const args = (jest[1] ?? '').trim().split(/\s+/).filter(Boolean);
    needs.push(...(await sourceNeeds(facts.root, await jestFiles(facts.root, args))));
  }
  return needs;
}

/** Tools one buildspec command needs. */
async function commandNeeds(command: string, facts: ProjectFacts): Promise<Need[]> {
  const needs: Need[] = [];
  for (const simple of command.split(/&&|\|\||;|\|/)) {
    const words = withoutVariables(simple.trim()).split(/\s+/);
    const [program, sub] = words;
    if (program === SAM_CLI) {
      needs.push({ tool: SAM_CLI, why: 'the SAM CLI' });
      if (sub === 'build' && facts.samBuildsWithEsbuild)
        needs.push({
          tool: ESBUILD,
          why: 'template.yaml builds with esbuild, which sam build runs from PATH',
        });
    } else if (program === 'npm' && (sub === 'test' || sub === 't')) {
      needs.push(...(await scriptNeeds('test', facts)));
    } else if (program === 'npm' && sub === 'run' && words[2]) {
      needs.push(...(await scriptNeeds(words[2], facts)));
    } else if (program && (externalToolNames as string[]).includes(program)) {
      needs.push({ tool: program, why: 'run directly' });
    }
  }
  return needs;
}

/** What an install command puts on PATH (pip packages the tool table knows, global npm packages). */
function installs(command: string): { tools: string[]; nodeModules: boolean } {
  const words = command.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
  if (/^pip3? install\b|^python3? -m pip install\b/.test(command)) {
    const packages = words
      .filter((w) => !w.startsWith('-'))
      .map((w) => w.toLowerCase().replace(/(==|>=|<=|~=|!=|<|>).*$/, ''));
    return {
      tools: externalToolNames.filter((tool) => packages.includes(externalTools[tool].pipPackage)),
      nodeModules: false,
    };
  }
  if (/^npm (?:ci|install|i)\b/.test(command)) {
    const global = words.includes('-g') || words.includes('--global');
    const packages = words
      .slice(2)
      .filter((w) => !w.startsWith('-'))
      .map((w) => w.replace(/(?<=.)@.*$/, ''));
    return global ? { tools: packages, nodeModules: false } : { tools: [], nodeModules: true };
  }
  return { tools: [], nodeModules: false };
}

/**
 * Each command of the buildspec that needs a tool its install phase does not install, with why it
 * needs it and how to install it.
 */
export async function buildspecToolProblems(buildspec: unknown, facts: ProjectFacts): Promise<string[]> {
  const phases = isObject(buildspec) && isObject(buildspec.phases) ? buildspec.phases : {};
  const installPhase = buildspecCommands({ phases: { install: phases.install } });
  const installed = new Set<string>();
  let nodeModules = false;
  for (const command of installPhase) {
    const result = installs(command);
    result.tools.forEach((t) => installed.add(t));
    nodeModules ||= result.nodeModules;
  }
  const later = buildspecCommands({ phases: { ...phases, install: undefined } });
  const problems: string[] = [];
  let binExported = false; // buildspec 0.2: one shell instance, so an export holds for later commands
  for (const command of later) {
    if (/^export\s/.test(command) && BIN_ON_PATH.test(command)) binExported = true;
    const binOnPath = binExported || BIN_ON_PATH.test(command);
    const whys = new Map<string, Set<string>>();
    for (const { tool, why } of await commandNeeds(command, facts))
      whys.set(tool, (whys.get(tool) ?? new Set()).add(why));
    for (const [tool, why] of [...whys].sort(([a], [b]) => a.localeCompare(b))) {
      const ok =
        tool === ESBUILD ? installed.has(ESBUILD) || (nodeModules && binOnPath) : installed.has(tool);
      if (ok) continue;
      const fix =
        tool === ESBUILD
          ? nodeModules
            ? 'npm ci puts it in node_modules/.bin, which is not on PATH: run PATH="$PWD/node_modules/.bin:$PATH" sam build'
            : 'npm ci (esbuild is a devDependency), then PATH="$PWD/node_modules/.bin:$PATH" sam build'
          : externalTools[tool as ExternalToolName].install;
      problems.push(
        `${command}: needs ${tool} (${[...why].sort().join(', ')}), which the install phase does not install; ${fix}`,
      );
    }
  }
  return problems;
}
