// The batching of diagrams sent to Chromium (src/render/draw-queue.ts), with a stand-in for the browser: what a build
// notices is how many round trips it pays, how many run at once, and that a page waiting for a diagram is not stuck
// behind the diagrams drawn ahead of need.
import { describe, expect, it } from 'vitest';
import { DrawQueue, type DrawRequest, type Settle } from '../../src/render/draw-queue.ts';

type Trip = string[];

/** A queue whose round trips are recorded and finish when the test says so. */
function recordingQueue(options: { lanes?: number; perTrip?: number; fail?: (key: string) => boolean } = {}) {
  const trips: Trip[] = [];
  const finish: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const queue = new DrawQueue<string, string>({
    lanes: options.lanes ?? 2,
    perTrip: options.perTrip ?? 16,
    drawBatch: async (batch: readonly DrawRequest<string>[], settle: Settle<string>) => {
      trips.push(batch.map((r) => r.key));
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((done) => finish.push(done));
      running--;
      for (const { key, source } of batch) {
        if (options.fail?.(key)) settle(key, { error: new Error(`refusé : ${key}`) });
        else settle(key, { value: `dessin de ${source}` });
      }
    },
  });
  /** Lets every round trip started so far finish, then the queue move on. */
  const release = async (): Promise<void> => {
    await new Promise((r) => setImmediate(r));
    for (const done of finish.splice(0)) done();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, trips, release, mostAtOnce: () => mostAtOnce };
}

describe('the diagrams waiting for Chromium', () => {
  it('share one round trip when asked for at the same moment', async () => {
    const { queue, trips, release } = recordingQueue();
    const drawn = Promise.all(['a', 'b', 'c'].map((key) => queue.request(key, key.toUpperCase())));
    await release();
    expect(await drawn).toEqual(['dessin de A', 'dessin de B', 'dessin de C']);
    expect(trips).toEqual([['a', 'b', 'c']]);
    expect(queue.batches).toBe(1);
  });

  it('run no more round trips at once than there are lanes, the rest leaving together when one is free', async () => {
    const { queue, trips, release, mostAtOnce } = recordingQueue({ lanes: 2, perTrip: 2 });
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => queue.request(key, key));
    await new Promise((r) => setImmediate(r));
    expect(trips).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    while (trips.length < 4) await release();
    await release();
    await Promise.all(all);
    expect(trips).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g']]);
    expect(mostAtOnce()).toBe(2);
  });

  it('send what a page waits for before what is drawn ahead, also when a page comes to want a queued one', async () => {
    const { queue, trips, release } = recordingQueue({ lanes: 1, perTrip: 2 });
    const busy = queue.request('busy', 'busy');
    await new Promise((r) => setImmediate(r));
    const ahead = ['p1', 'p2', 'p3'].map((key) => queue.request(key, key, true));
    const wanted = queue.request('page', 'page');
    queue.prioritise('p3');
    while (trips.length < 3) await release();
    await release();
    await Promise.all([busy, wanted, ...ahead]);
    expect(trips).toEqual([['busy'], ['p3', 'page'], ['p1', 'p2']]);
  });

  it('fail only the diagram that failed, and every diagram of a round trip that broke', async () => {
    const { queue, release } = recordingQueue({ fail: (key) => key === 'bad' });
    const good = queue.request('good', 'good');
    const bad = queue.request('bad', 'bad').then(
      () => undefined,
      (error: unknown) => error,
    );
    await release();
    await expect(good).resolves.toBe('dessin de good');
    expect(await bad).toMatchObject({ message: 'refusé : bad' });

    const broken = new DrawQueue<string, string>({
      lanes: 1,
      perTrip: 16,
      drawBatch: async (batch, settle) => {
        settle(batch[0]!.key, { value: 'fait' });
        throw new Error('Chromium s’est arrêté');
      },
    });
    const first = broken.request('x', 'x');
    const second = broken.request('y', 'y').then(
      () => undefined,
      (error: unknown) => error,
    );
    await expect(first).resolves.toBe('fait');
    expect(await second).toMatchObject({ message: 'Chromium s’est arrêté' });
  });

  it('is idle only once nothing waits and no round trip runs', async () => {
    const { queue, release } = recordingQueue();
    let idle = false;
    const drawn = queue.request('a', 'a');
    const waiting = queue.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    await release();
    await drawn;
    await waiting;
    expect(idle).toBe(true);
  });
});
