/**
 * Bundles every function with esbuild exactly as `sam build` would (sam/esbuild.ts), keeps them in
 * a BuildCache by the hash of their inputs, and keeps one esbuild context per function for fast
 * rebuilds.
 * - A function whose inputs are unchanged since any recent build (this run's, an earlier one's,
 *   another data folder's) is not built at all: its cached bundle is used as is.
 * - Builds run in the background, a few at a time; a function invoked before its bundle exists is
 *   built next, so the API answers before every function is built.
 * - In watch mode it watches the folders of each bundle's inputs (not node_modules) and rebuilds
 *   only the functions whose inputs changed; invocations wait for a pending rebuild, so a saved
 *   edit is live on the next request.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { context, type BuildContext, type Metafile } from 'esbuild';
import { functionBuild, type FunctionBuild } from '../sam/esbuild.js';
import type { SamFunction, SamTemplate } from '../sam/template.js';
import { optionsHash, type BuildCache, type CacheHit } from './build-cache.js';
import type { FunctionBundle } from './function.js';
import { plainCode, sourceFolders, type PlainCode } from './plain-code.js';

interface Entry {
  plan: FunctionBuild;
  optionsHash: string;
  ctx?: BuildContext;
  inputs: Set<string>;
  /** The last good bundle, or why there is none. */
  bundle?: FunctionBundle;
  error?: string;
  /** The folder the current bundle was loaded from (its cache entry). */
  bundleDir?: string;
  /** Set while a rebuild is pending or running: invocations wait for it. */
  building?: Promise<void>;
  /** The esbuild rebuild in progress (one at a time per context). */
  running?: Promise<void>;
  /** Resolves once the function has its first bundle, or its first build failed. */
  firstBuild: Promise<void>;
  firstBuildDone: () => void;
}

/**
 * Where esbuild is told to write: a placeholder at the depth of the cache entries, never written
 * (builds run with `write: false` and their outputs are filed in the cache).
 */
const PLACEHOLDER_OUTDIR = '_';

export interface BuildEvents {
  /** The template or a file it includes changed: that needs a restart. */
  onDefinitionChanged?(file: string): void;
  /** `rebuilt` when a function that already had a bundle got a different one. */
  onBuilt(logicalId: string, ms: number, rebuilt: boolean): void;
  onFailed(logicalId: string, message: string): void;
}

export class FunctionBuilder {
  private readonly entries = new Map<string, Entry>();
  /** Functions with no BuildMethod: their code runs in place (plain-code.ts). */
  private readonly plain = new Map<string, PlainCode>();
  private watchers = new Map<string, FSWatcher>();
  private debounce?: NodeJS.Timeout;
  private definitionNotice?: NodeJS.Timeout;
  private readonly dirty = new Set<string>();
  private pendingRelease?: () => void;
  /** Functions waiting for their first build, in order; `demand` moves one to the front. */
  private queue: string[] = [];
  private active = 0;
  // Background builds leave a core to the API; a build an invocation waits for skips the queue.
  private readonly limit = Math.max(1, availableParallelism() - 1);
  private watching = false;
  private disposed = false;

  constructor(
    private readonly template: SamTemplate,
    functions: SamFunction[],
    private readonly cache: BuildCache,
    private readonly events: BuildEvents,
  ) {
    for (const fn of functions) {
      if (fn.metadata.BuildMethod === undefined) {
        try {
          this.plain.set(fn.logicalId, plainCode(template, fn));
        } catch (e) {
          events.onFailed(fn.logicalId, (e as Error).message);
        }
        continue;
      }
      try {
        const plan = functionBuild(template, fn, join(cache.root, fn.logicalId, PLACEHOLDER_OUTDIR));
        plan.options.write = false;
        let firstBuildDone!: () => void;
        const firstBuild = new Promise<void>((resolve) => (firstBuildDone = resolve));
        this.entries.set(fn.logicalId, {
          plan,
          optionsHash: optionsHash(plan.options),
          inputs: new Set(),
          firstBuild,
          firstBuildDone,
        });
      } catch (e) {
        events.onFailed(fn.logicalId, (e as Error).message);
      }
    }
  }

  /** The bundle of a cache entry: the handler file at its path under the entry's folder. */
  private use(entry: Entry, hit: CacheHit): boolean {
    const changed = hit.dir !== entry.bundleDir;
    entry.inputs = new Set(hit.inputs);
    entry.bundleDir = hit.dir;
    entry.error = undefined;
    // A new object: LocalFunction sees it differs from the bundle its worker runs, and replaces the worker.
    if (changed || !entry.bundle)
      entry.bundle = {
        handlerFile: join(hit.dir, relative(entry.plan.options.outdir as string, entry.plan.handlerFile)),
        handlerExport: entry.plan.handlerExport,
      };
    return changed;
  }

  /** Takes every bundle whose inputs are unchanged from the cache; queues the others. Returns the ids queued. */
  async prepare(): Promise<string[]> {
    const stale: string[] = [];
    this.cache.refresh();
    await Promise.all(
      [...this.entries].map(async ([id, entry]) => {
        const missing = entry.plan.entryPoints.filter((e) => !existsSync(e));
        if (missing.length > 0) {
          entry.error = `entry point ${missing.join(', ')} does not exist yet`;
          this.events.onFailed(id, entry.error);
          entry.firstBuildDone();
          return;
        }
        const hit = await this.cache.lookup(id, entry.optionsHash).catch(() => undefined);
        if (hit) {
          this.use(entry, hit);
          entry.firstBuildDone();
        } else stale.push(id);
      }),
    );
    const order = [...this.entries.keys()];
    this.queue = stale.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return [...this.queue];
  }

  /** Builds the queued functions in the background, a few at a time. */
  start(): void {
    if (this.disposed) return;
    while (this.active < this.limit && this.queue.length > 0) this.launch(this.queue.shift() as string);
  }

  /**
   * Resolves once the function has a bundle (or its build failed), building it next in the
   * background queue if it is still queued; unlike bundle(), it starts no build beyond the queue's
   * concurrency.
   */
  whenBuilt(logicalId: string): Promise<void> {
    if (this.plain.has(logicalId)) return Promise.resolve();
    const entry = this.entries.get(logicalId);
    if (!entry) return Promise.resolve();
    const queued = this.queue.indexOf(logicalId);
    if (queued > 0) this.queue.unshift(...this.queue.splice(queued, 1));
    return entry.firstBuild;
  }

  /** The functions with no BuildMethod, whose code runs in place. */
  inPlace(): string[] {
    return [...this.plain.keys()];
  }

  /** Resolves when every queued build is done. */
  async settled(): Promise<void> {
    while (this.queue.length > 0 || this.active > 0) {
      await Promise.all(
        [...this.entries.values()].map((e) => e.building?.catch(() => undefined) ?? Promise.resolve()),
      );
      await new Promise((r) => setImmediate(r));
    }
  }

  private launch(id: string): void {
    this.active++;
    void this.build(id).finally(() => {
      this.active--;
      this.start();
    });
  }

  /** The function's current bundle; builds it now if it is still queued, waits for a pending rebuild. */
  async bundle(logicalId: string): Promise<FunctionBundle> {
    const plain = this.plain.get(logicalId);
    if (plain) return plain.bundle;
    const entry = this.entries.get(logicalId);
    if (!entry) throw new Error(`${logicalId} cannot be built (see the warning at start)`);
    const queued = this.queue.indexOf(logicalId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.launch(logicalId);
    }
    while (entry.building) await entry.building;
    if (!entry.bundle) throw new Error(`${logicalId} has no bundle: ${entry.error ?? 'not built'}`);
    return entry.bundle;
  }

  private build(logicalId: string): Promise<void> {
    const entry = this.entries.get(logicalId) as Entry;
    const previous = entry.running;
    const run = async () => {
      await previous?.catch(() => undefined);
      const started = Date.now();
      const missing = entry.plan.entryPoints.filter((e) => !existsSync(e));
      if (missing.length > 0) {
        entry.error = `entry point ${missing.join(', ')} does not exist yet`;
        this.events.onFailed(logicalId, entry.error);
        return;
      }
      try {
        entry.ctx ??= await context(entry.plan.options);
        const result = await entry.ctx.rebuild();
        const outdir = entry.plan.options.outdir as string;
        const inputs = Object.keys((result.metafile as Metafile).inputs).map((i) => resolve(i));
        const build = { outdir, outputFiles: result.outputFiles ?? [], inputs, builtFrom: started };
        const filed = await this.cache.store(logicalId, entry.optionsHash, build);
        // An input changed while esbuild ran: this run keeps the bundle privately (the watcher
        // has already queued the rebuild that will be filed).
        const hit = filed ?? { key: '', dir: await this.cache.writePrivate(logicalId, build), inputs };
        const hadBundle = entry.bundle !== undefined;
        const changed = this.use(entry, hit);
        this.events.onBuilt(logicalId, Date.now() - started, changed && hadBundle);
        if (this.watching) this.watch();
      } catch (e) {
        const errors = (
          e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }
        ).errors;
        entry.error = errors
          ? errors
              .map((x) => (x.location ? `${x.location.file}:${x.location.line}: ${x.text}` : x.text))
              .join('; ')
          : (e as Error).message;
        // A failed rebuild keeps the last good bundle running, as a developer mid-edit expects.
        if (!this.disposed) this.events.onFailed(logicalId, entry.error);
      }
    };
    const building = run().finally(() => {
      entry.firstBuildDone();
      if (entry.building === building) entry.building = undefined;
      if (entry.running === building) entry.running = undefined;
    });
    entry.building = building;
    entry.running = building;
    return building;
  }

  /** Watches the folders of every input (and of entry points not written yet). */
  watch(): void {
    this.watching = true;
    const dirs = new Set<string>();
    for (const entry of this.entries.values()) {
      for (const input of entry.inputs) if (!input.includes('/node_modules/')) dirs.add(dirname(input));
      for (const e of entry.plan.entryPoints) dirs.add(dirname(e));
    }
    for (const f of [this.template.path, ...this.template.includes]) dirs.add(dirname(f));
    for (const code of this.plain.values()) for (const dir of sourceFolders(code.codeDir)) dirs.add(dir);
    for (const [dir, watcher] of this.watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir) || !existsSync(dir)) continue;
      const watcher = watch(dir, (_event, file) => {
        if (file) this.changed(join(dir, file.toString()));
      });
      watcher.on('error', () => this.watchers.delete(dir));
      this.watchers.set(dir, watcher);
    }
  }

  private changed(file: string): void {
    if (file === this.template.path || this.template.includes.includes(file)) {
      clearTimeout(this.definitionNotice);
      this.definitionNotice = setTimeout(() => this.events.onDefinitionChanged?.(file), 100);
    }
    // A plain function's edit: a new bundle object, so its next invocation starts a new worker.
    for (const [id, code] of this.plain)
      if (file.startsWith(`${code.codeDir}/`) && !file.includes('/node_modules/')) {
        code.bundle = { ...code.bundle };
        this.events.onBuilt(id, 0, true);
      }
    let hit = false;
    for (const [id, entry] of this.entries) {
      if (entry.inputs.has(file) || entry.plan.entryPoints.includes(file)) {
        this.dirty.add(id);
        hit = true;
        // Hold invocations from now on: the next request must see this edit.
        if (!entry.building) {
          entry.building = new Promise<void>((release) => {
            const previous = this.pendingRelease;
            this.pendingRelease = () => {
              previous?.();
              release();
            };
          });
        }
      }
    }
    if (!hit) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.rebuildDirty(), 40);
  }

  private async rebuildDirty(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const release = this.pendingRelease;
    this.pendingRelease = undefined;
    for (const id of ids) {
      const entry = this.entries.get(id) as Entry;
      if (entry.building !== entry.running) entry.building = undefined;
      const queued = this.queue.indexOf(id);
      if (queued >= 0) this.queue.splice(queued, 1);
    }
    const builds = Promise.all(ids.map((id) => this.build(id)));
    release?.();
    await builds;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const entry of this.entries.values()) entry.firstBuildDone();
    this.watching = false;
    clearTimeout(this.debounce);
    clearTimeout(this.definitionNotice);
    this.queue = [];
    this.pendingRelease?.();
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await Promise.all(
      [...this.entries.values()].map((e) => e.running?.catch(() => undefined) ?? Promise.resolve()),
    );
    await Promise.all([...this.entries.values()].map((e) => e.ctx?.dispose() ?? Promise.resolve()));
  }
}
