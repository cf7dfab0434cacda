/**
 * Phase "builds": every function's bundle (from the build cache when its inputs are unchanged,
 * otherwise queued for esbuild) and the worker host that runs them. Queued builds start in the
 * background once the emulators are up (startBackground), so start-up does not wait for esbuild;
 * an invoked function is built at once. Stopping it disposes of esbuild's contexts and service
 * process.
 */
import { join, resolve } from 'node:path';
import { build, stop as stopEsbuild, type BuildOptions } from 'esbuild';
import { BuildCache, optionsHash } from '../../lambda/build-cache.js';
import { FunctionBuilder, type BuildEvents } from '../../lambda/build.js';
import { line } from '../../log.js';
import { packageRoot } from '../../package-root.js';
import type { SamFunction, SamTemplate } from '../../sam/template.js';
import { started, type Started } from '../lifecycle.js';

export interface Builds {
  builder: FunctionBuilder;
  /** The bundled worker host (lambda/worker-host.ts) every function's workers run. */
  hostFile: string;
  /** Functions with no cached bundle, built in the background. */
  queued: string[];
  /** Starts the queued builds, and watches sources when `watch`. */
  startBackground(watch: boolean): void;
}

const WORKER_HOST = 'worker-host';

/** The worker host, bundled once per change of its sources (plain Node runs it: no tsx in workers). */
async function workerHost(cache: BuildCache): Promise<string> {
  const outdir = join(cache.root, WORKER_HOST, '_');
  const options: BuildOptions = {
    entryPoints: [join(packageRoot, 'src', 'lambda', 'worker-host.ts')],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    write: false,
    logLevel: 'silent',
  };
  const hash = optionsHash(options);
  let dir = (await cache.lookup(WORKER_HOST, hash))?.dir;
  if (!dir) {
    const builtFrom = Date.now();
    const result = await build(options);
    const inputs = Object.keys(result.metafile?.inputs ?? {}).map((i) => resolve(i));
    const outputs = { outdir, outputFiles: result.outputFiles ?? [] };
    dir =
      (await cache.store(WORKER_HOST, hash, { ...outputs, inputs, builtFrom }))?.dir ??
      (await cache.writePrivate(WORKER_HOST, outputs));
  }
  return join(dir, `${WORKER_HOST}.mjs`);
}

export async function startBuilds(options: {
  template: SamTemplate;
  functions: SamFunction[];
  /** --cache, else .local/cache beside the template: shared by every data folder, kept by --fresh. */
  cacheDir: string;
  events: BuildEvents;
}): Promise<Started<Builds>> {
  const cache = new BuildCache(join(options.cacheDir, 'bundles'));
  const builder = new FunctionBuilder(options.template, options.functions, cache, options.events);
  const stop = async () => {
    await builder.dispose();
    // Last: esbuild's service process must not outlive the runner.
    await stopEsbuild();
  };
  try {
    const [hostFile, queued] = await Promise.all([workerHost(cache), builder.prepare()]);
    return started(
      {
        builder,
        hostFile,
        queued,
        startBackground(watch) {
          const begun = Date.now();
          builder.start();
          if (watch) builder.watch();
          if (queued.length > 0)
            void builder
              .settled()
              .then(() =>
                line(
                  `[build] background builds done in ${Date.now() - begun} ms (bundles cached in ${cache.root})`,
                ),
              );
        },
      },
      stop,
    );
  } catch (e) {
    await stop();
    throw e;
  }
}
