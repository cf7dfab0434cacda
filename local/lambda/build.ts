/**
 * Bundles every function with esbuild exactly as `sam build` would (local/sam/esbuild.ts), into
 * .local/build/<LogicalId>/, and keeps one esbuild context per function for fast rebuilds. In
 * watch mode it watches the folders of each bundle's inputs (not node_modules) and rebuilds only
 * the functions whose inputs changed; invocations wait for a pending rebuild, so a saved edit is
 * live on the next request.
 */
import { createHash } from 'node:crypto';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { context, type BuildContext, type Metafile } from 'esbuild';
import { functionBuild, type FunctionBuild } from '../sam/esbuild.js';
import type { SamFunction, SamTemplate } from '../sam/template.js';
import type { FunctionBundle } from './function.js';

interface Entry {
  plan: FunctionBuild;
  ctx?: BuildContext;
  inputs: Set<string>;
  /** The last good bundle, or why there is none. */
  bundle?: FunctionBundle;
  error?: string;
  hash?: string;
  /** Set while a rebuild is pending or running: invocations wait for it. */
  building?: Promise<void>;
  /** The esbuild rebuild in progress (one at a time per context). */
  running?: Promise<void>;
}

export interface BuildEvents {
  onBuilt(logicalId: string, ms: number, changed: boolean): void;
  onFailed(logicalId: string, message: string): void;
}

export class FunctionBuilder {
  private readonly entries = new Map<string, Entry>();
  private watchers = new Map<string, FSWatcher>();
  private debounce?: NodeJS.Timeout;
  private readonly dirty = new Set<string>();
  private pendingRelease?: () => void;

  constructor(
    private readonly template: SamTemplate,
    functions: SamFunction[],
    buildRoot: string,
    private readonly events: BuildEvents,
  ) {
    for (const fn of functions) {
      try {
        const plan = functionBuild(template, fn, join(buildRoot, fn.logicalId));
        this.entries.set(fn.logicalId, { plan, inputs: new Set() });
      } catch (e) {
        events.onFailed(fn.logicalId, (e as Error).message);
      }
    }
  }

  /** The function's current bundle; waits for a pending rebuild first. */
  async bundle(logicalId: string): Promise<FunctionBundle> {
    const entry = this.entries.get(logicalId);
    if (!entry) throw new Error(`${logicalId} cannot be built (see the warning at start)`);
    while (entry.building) await entry.building;
    if (!entry.bundle) throw new Error(`${logicalId} has no bundle: ${entry.error ?? 'not built'}`);
    return entry.bundle;
  }

  async buildAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.build(id)));
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
        entry.inputs = new Set(Object.keys((result.metafile as Metafile).inputs).map((i) => resolve(i)));
        const hash = createHash('sha1')
          .update(await readFile(entry.plan.handlerFile))
          .digest('hex');
        const changed = hash !== entry.hash;
        entry.hash = hash;
        entry.error = undefined;
        if (changed || !entry.bundle)
          entry.bundle = { handlerFile: entry.plan.handlerFile, handlerExport: entry.plan.handlerExport };
        this.events.onBuilt(logicalId, Date.now() - started, changed);
      } catch (e) {
        const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
        entry.error = errors
          ? errors.map((x) => (x.location ? `${x.location.file}:${x.location.line}: ${x.text}` : x.text)).join('; ')
          : (e as Error).message;
        // A failed rebuild keeps the last good bundle running, as a developer mid-edit expects.
        this.events.onFailed(logicalId, entry.error);
      }
    };
    const building = run().finally(() => {
      if (entry.building === building) entry.building = undefined;
      if (entry.running === building) entry.running = undefined;
    });
    entry.building = building;
    entry.running = building;
    return building;
  }

  /** Watches the folders of every input (and of entry points not written yet). */
  watch(): void {
    const dirs = new Set<string>();
    for (const entry of this.entries.values()) {
      for (const input of entry.inputs) if (!input.includes('/node_modules/')) dirs.add(dirname(input));
      for (const e of entry.plan.entryPoints) dirs.add(dirname(e));
    }
    dirs.add(this.template.dir);
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
    for (const id of ids) (this.entries.get(id) as Entry).building = undefined;
    const builds = Promise.all(ids.map((id) => this.build(id)));
    release?.();
    await builds;
    this.watch();
  }

  async dispose(): Promise<void> {
    clearTimeout(this.debounce);
    this.pendingRelease?.();
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await Promise.all([...this.entries.values()].map((e) => e.ctx?.dispose()));
  }
}
