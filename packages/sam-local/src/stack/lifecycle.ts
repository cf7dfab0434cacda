/**
 * The local stack starts in phases (data folder, emulators, builds, resources, functions, gateway,
 * event sources, outputs), each with its own start and stop. A Lifecycle starts them, possibly
 * several at once, and stops the started ones in reverse order, whether the start completed or a
 * phase failed part way (a phase that fails cleans up after itself; the ones before it are stopped
 * here).
 */
import { warn } from '../log.js';

/** A phase once started: what it gives the next phases, and how to stop it. */
export interface Started<T> {
  value: T;
  stop(): Promise<void> | void;
}

/** Builds a Started from a value and its stop. */
export const started = <T>(value: T, stop: () => Promise<void> | void = () => undefined): Started<T> => ({
  value,
  stop,
});

export class Lifecycle {
  private readonly running: { name: string; stop: () => Promise<void> | void }[] = [];
  private readonly starting = new Set<Promise<unknown>>();
  private stopping?: Promise<void>;

  constructor(private readonly onStarted: (phase: string, ms: number) => void = () => undefined) {}

  /** Starts a phase; its stop is registered once it has started. */
  start<T>(name: string, phase: () => Promise<Started<T>>): Promise<T> {
    if (this.stopping) return Promise.reject(new Error(`not starting ${name}: the stack is stopping`));
    const begun = Date.now();
    const run = phase().then((s) => {
      this.running.push({ name, stop: () => s.stop() });
      this.onStarted(name, Date.now() - begun);
      return s.value;
    });
    const tracked = run.catch(() => undefined);
    this.starting.add(tracked);
    void tracked.finally(() => this.starting.delete(tracked));
    return run;
  }

  /** Waits for phases still starting, then stops every started phase, last started first. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.starting);
      for (const { name, stop } of this.running.splice(0).reverse()) {
        try {
          await stop();
        } catch (e) {
          warn(`while stopping ${name}: ${(e as Error).message}`);
        }
      }
    })();
    return this.stopping;
  }
}
