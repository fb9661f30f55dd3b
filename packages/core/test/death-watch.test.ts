import { describe, expect, it } from 'vitest';
import { DeathWatch } from '../src/index.js';

describe('DeathWatch, for drivers that implement onDead', () => {
  it('tells its listener once, with the first error', () => {
    const watch = new DeathWatch();
    const heard: unknown[] = [];
    watch.listen((error) => heard.push(error));
    const first = new Error('ECONNRESET');
    watch.died(first);
    watch.died(new Error('Connection terminated'));
    expect(heard).toEqual([first]);
    expect(watch.dead).toBe(true);
  });

  it('replays a death that came before the listener, on a later microtask', async () => {
    const watch = new DeathWatch();
    const error = new Error('server closed the connection');
    watch.died(error);
    const heard: unknown[] = [];
    watch.listen((e) => heard.push(e));
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual([error]);
  });

  it('stays silent about a socket the driver is closing itself', async () => {
    const watch = new DeathWatch();
    const heard: unknown[] = [];
    watch.listen((e) => heard.push(e));
    watch.closing();
    watch.died(new Error('Connection terminated'));
    const late = new DeathWatch();
    late.closing();
    late.listen((e) => heard.push(e));
    late.died(new Error('gone'));
    await Promise.resolve();
    expect(heard).toEqual([]);
    expect(watch.dead).toBe(true);
  });
});
