/** The start-up phases' Lifecycle: started phases stop in reverse order, whatever happened. */
import { Lifecycle, started } from '../../src/stack/lifecycle.js';

function recorder() {
  const events: string[] = [];
  const phase =
    (name: string, opts: { failStart?: boolean; failStop?: boolean; delayMs?: number } = {}) =>
    async () => {
      await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
      if (opts.failStart) throw new Error(`${name} failed`);
      events.push(`start ${name}`);
      return started(name, () => {
        events.push(`stop ${name}`);
        if (opts.failStop) throw new Error(`${name} would not stop`);
      });
    };
  return { events, phase };
}

it('stops the started phases last first, and hands each start its value', async () => {
  const { events, phase } = recorder();
  const lifecycle = new Lifecycle();
  expect(await lifecycle.start('a', phase('a'))).toBe('a');
  await lifecycle.start('b', phase('b'));
  await lifecycle.start('c', phase('c'));
  await lifecycle.stop();
  expect(events).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
});

it('waits for a phase still starting before stopping, and stops it too', async () => {
  const { events, phase } = recorder();
  const lifecycle = new Lifecycle();
  await lifecycle.start('a', phase('a'));
  const slow = lifecycle.start('slow', phase('slow', { delayMs: 50 }));
  await lifecycle.stop();
  await slow;
  expect(events).toEqual(['start a', 'start slow', 'stop slow', 'stop a']);
});

it('does not stop a phase that failed to start (it cleans up itself), but stops the ones before it', async () => {
  const { events, phase } = recorder();
  const lifecycle = new Lifecycle();
  await lifecycle.start('a', phase('a'));
  await expect(lifecycle.start('b', phase('b', { failStart: true }))).rejects.toThrow('b failed');
  await lifecycle.stop();
  expect(events).toEqual(['start a', 'stop a']);
});

it('goes on stopping the others when one fails to stop', async () => {
  const { events, phase } = recorder();
  const lifecycle = new Lifecycle();
  await lifecycle.start('a', phase('a'));
  await lifecycle.start('b', phase('b', { failStop: true }));
  await lifecycle.stop();
  expect(events).toEqual(['start a', 'start b', 'stop b', 'stop a']);
});

it('starts nothing once stopping, and stops once however often it is asked', async () => {
  const { events, phase } = recorder();
  const lifecycle = new Lifecycle();
  await lifecycle.start('a', phase('a'));
  await Promise.all([lifecycle.stop(), lifecycle.stop()]);
  await expect(lifecycle.start('late', phase('late'))).rejects.toThrow(/stopping/);
  expect(events).toEqual(['start a', 'stop a']);
});

it('reports how long each phase took to start', async () => {
  const { phase } = recorder();
  const reported: string[] = [];
  const lifecycle = new Lifecycle((name, ms) => reported.push(`${name} ${ms >= 0}`));
  await lifecycle.start('a', phase('a'));
  expect(reported).toEqual(['a true']);
  await lifecycle.stop();
});
