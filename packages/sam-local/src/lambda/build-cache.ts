/**
 * Bundles kept by what they were built from: `<root>/<name>/<key>/`, where the key hashes the build
 * options and the content of every input esbuild's metafile lists. A start (even with a new data
 * folder, or after --fresh) reuses the bundle whose inputs are unchanged instead of running esbuild.
 *
 * - A lookup stats each recorded input and hashes only the files whose size or modification time
 *   changed (a checkout that rewrote a file with the same content still hits).
 * - Entries are written under a temporary name and renamed into place, so runners sharing the cache
 *   (tests start several at once) never see half an entry; two runners building the same inputs
 *   agree on the key and keep the first entry.
 * - Every entry of one name sits at the same depth, so the relative paths in a bundle's source map
 *   hold wherever it was written from (esbuild writes them relative to the output folder).
 * - An entry is stored only if no input changed after its build started: esbuild may have read the
 *   older content, which must not be filed under the newer content's hash.
 *
 * Written by hand: esbuild has no persistent cache, and the build tools that add one (Vite, Turbo,
 * Nx) would bring a whole toolchain for these ~150 lines.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { processRunning } from '../pids.js';

const INPUTS_FILE = 'inputs.json';
const TEMPORARY_PREFIX = '.tmp-';
const PRIVATE_PREFIX = '.pid-';
/** Entries kept per name beyond those used within KEEP_RECENT_MS. */
const KEEP_NEWEST = 5;
const KEEP_RECENT_MS = 60 * 60 * 1000;

interface RecordedInput {
  stamp: string;
  hash: string;
}

interface EntryRecord {
  optionsHash: string;
  inputs: Record<string, RecordedInput>;
  /** The entry has its package.json boundary (writeOutputs); older entries are not used. */
  packageBoundary?: boolean;
}

/**
 * Writes a build's outputs under `dir`, with an empty package.json beside them. In Lambda the
 * bundle is the whole task root: no package.json above it, so a `.js` file is CommonJS unless the
 * bundle says otherwise (https://nodejs.org/api/packages.html#determining-module-system). Here the
 * cache sits inside the project, whose package.json may say `"type": "module"`: without the
 * boundary, Node would read a CommonJS bundle (esbuild's default format) as an ES module.
 */
async function writeOutputs(
  dir: string,
  build: { outdir: string; outputFiles: OutputFile[] },
): Promise<void> {
  let ownPackageJson = false;
  for (const f of build.outputFiles) {
    const target = join(dir, relative(build.outdir, f.path));
    if (target === join(dir, 'package.json')) ownPackageJson = true;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.contents);
  }
  await mkdir(dir, { recursive: true });
  if (!ownPackageJson) await writeFile(join(dir, 'package.json'), '{}\n');
}

export interface CacheHit {
  key: string;
  /** The entry's folder: the bundle's files, at the paths they had under the build's outdir. */
  dir: string;
  inputs: string[];
}

export interface OutputFile {
  path: string;
  contents: Uint8Array;
}

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

/** Hashes build options in a stable way (key order does not matter). */
export function optionsHash(options: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return sha1(JSON.stringify(canonical(options)));
}

function keyOf(options: string, inputs: Record<string, RecordedInput>): string {
  const lines = Object.keys(inputs)
    .sort()
    .map((file) => `${file} ${inputs[file]?.hash}`);
  return sha1(`${options}\n${lines.join('\n')}`).slice(0, 20);
}

export class BuildCache {
  /** Per lookup pass: each file stat'ed and hashed at most once, however many bundles share it. */
  private stamps = new Map<string, Promise<string | undefined>>();
  private hashes = new Map<string, Promise<string | undefined>>();

  constructor(readonly root: string) {}

  /** Forgets the stats and hashes taken so far (files may have changed since). */
  refresh(): void {
    this.stamps.clear();
    this.hashes.clear();
  }

  private stamp(file: string): Promise<string | undefined> {
    let s = this.stamps.get(file);
    if (!s) {
      s = stat(file).then(
        (st) => `${st.size}:${st.mtimeMs}`,
        () => undefined,
      );
      this.stamps.set(file, s);
    }
    return s;
  }

  private hash(file: string): Promise<string | undefined> {
    let h = this.hashes.get(file);
    if (!h) {
      h = readFile(file).then(sha1, () => undefined);
      this.hashes.set(file, h);
    }
    return h;
  }

  /** The newest entry of `name` built with these options from inputs that still have that content. */
  async lookup(name: string, options: string): Promise<CacheHit | undefined> {
    const dir = join(this.root, name);
    const entries = await this.entries(dir);
    for (const { key, record, path } of entries) {
      if (record.optionsHash !== options || record.packageBoundary !== true) continue;
      // All at once: the stats go to libuv's thread pool together, shared with the other bundles.
      const inputs = Object.entries(record.inputs);
      const stamps = await Promise.all(inputs.map(([file]) => this.stamp(file)));
      const changed = inputs.filter(([, recorded], i) => stamps[i] !== recorded.stamp);
      const hashes = await Promise.all(changed.map(([file]) => this.hash(file)));
      if (changed.some(([, recorded], i) => hashes[i] === undefined || hashes[i] !== recorded.hash)) continue;
      for (const [file, recorded] of changed) recorded.stamp = (await this.stamp(file)) as string;
      const restamped = changed.length > 0;
      // Mark it used (pruning keeps recently used entries), with the new stamps if any changed.
      const used = new Date();
      if (restamped) await writeFile(path, JSON.stringify(record)).catch(() => undefined);
      await utimes(path, used, used).catch(() => undefined);
      return { key, dir: join(dir, key), inputs: Object.keys(record.inputs) };
    }
    return undefined;
  }

  private async entries(dir: string) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names
        .filter((n) => !n.startsWith('.'))
        .map(async (key) => {
          const path = join(dir, key, INPUTS_FILE);
          try {
            const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
            return { key, path, usedAt: st.mtimeMs, record: JSON.parse(text) as EntryRecord };
          } catch {
            return undefined; // being written, or damaged: never a hit
          }
        }),
    );
    return found.filter((e) => e !== undefined).sort((a, b) => b.usedAt - a.usedAt);
  }

  /**
   * Files a build's outputs (esbuild `write: false`, paths under `outdir`) as an entry of `name`.
   * Returns undefined, storing nothing, when an input changed after `builtFrom` (the build's start).
   */
  async store(
    name: string,
    options: string,
    build: { outdir: string; outputFiles: OutputFile[]; inputs: string[]; builtFrom: number },
  ): Promise<CacheHit | undefined> {
    const inputs: Record<string, RecordedInput> = {};
    for (const file of build.inputs) {
      const st = await stat(file).catch(() => undefined);
      const hash = await readFile(file).then(sha1, () => undefined);
      if (!st || hash === undefined || st.mtimeMs >= build.builtFrom) return undefined;
      inputs[file] = { stamp: `${st.size}:${st.mtimeMs}`, hash };
    }
    const dir = join(this.root, name);
    // Not the key of an entry filed before the package.json boundary (its folder lacks it).
    const key = keyOf(`${options}+package-boundary`, inputs);
    const final = join(dir, key);
    const existing = await stat(join(final, INPUTS_FILE)).catch(() => undefined);
    if (!existing) {
      const temporary = join(dir, `${TEMPORARY_PREFIX}${randomBytes(6).toString('hex')}`);
      try {
        await writeOutputs(temporary, build);
        const record: EntryRecord = { optionsHash: options, inputs, packageBoundary: true };
        await writeFile(join(temporary, INPUTS_FILE), JSON.stringify(record));
        await rename(temporary, final);
      } catch (e) {
        await rm(temporary, { recursive: true, force: true });
        // Another runner filed the same inputs first: its entry is the same bundle.
        if (!(await stat(join(final, INPUTS_FILE)).catch(() => undefined))) throw e;
      }
    }
    await this.prune(dir, key);
    return { key, dir: final, inputs: Object.keys(inputs) };
  }

  /**
   * Writes outputs that could not be filed (an input changed during the build) where only this
   * process uses them, at the entries' depth; removed by a later prune once the process is gone.
   */
  async writePrivate(name: string, build: { outdir: string; outputFiles: OutputFile[] }): Promise<string> {
    const dir = join(this.root, name, `${PRIVATE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeOutputs(dir, build);
    return dir;
  }

  /**
   * Drops entries of one name beyond the newest few that nobody used for an hour, temporary folders
   * left by a runner killed mid-write, and private folders of processes that are gone.
   */
  private async prune(dir: string, keep: string): Promise<void> {
    const entries = await this.entries(dir);
    const cutoff = Date.now() - KEEP_RECENT_MS;
    const stale = entries
      .slice(KEEP_NEWEST)
      .filter((e) => e.key !== keep && e.usedAt < cutoff)
      .map((e) => e.key);
    for (const n of await readdir(dir).catch(() => [] as string[])) {
      if (n.startsWith(PRIVATE_PREFIX) && !processRunning(parseInt(n.slice(PRIVATE_PREFIX.length), 10)))
        stale.push(n);
      if (n.startsWith(TEMPORARY_PREFIX)) {
        const st = await stat(join(dir, n)).catch(() => undefined);
        if (st && st.mtimeMs < cutoff) stale.push(n);
      }
    }
    await Promise.all(stale.map((n) => rm(join(dir, n), { recursive: true, force: true })));
  }
}
