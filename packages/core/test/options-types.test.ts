import { describe, expect, it } from 'vitest';
import type { EngineOptions } from '../src/index.js';
import { createEngine } from '../src/index.js';
import { FakeDriver } from './fake-driver.js';

// Options given in code are typed: `pnpm typecheck` fails if a @ts-expect-error below stops
// being an error. Text stays legal where it is parsed (URL query, environment), and untyped
// JavaScript that passes text in code still gets a ConfigError for a bad value.
describe('options in code are typed', () => {
  it('rejects, at compile time, text where a number, boolean or mode belongs', () => {
    const typos: EngineOptions[] = [
      // @ts-expect-error 'rolback' is not a resetOnReturn mode
      { resetOnReturn: 'rolback' },
      // @ts-expect-error durations are numbers of seconds in code
      { poolTimeout: '30s' },
      // @ts-expect-error prePing is a boolean in code
      { prePing: 'yes' },
      // @ts-expect-error sizes are numbers in code
      { poolSize: '5' },
    ];
    const fine: EngineOptions[] = [{ resetOnReturn: 'commit' }, { resetOnReturn: false }, { resetOnReturn: null }, { poolTimeout: 0.5, prePing: true, name: 'api' }];
    expect(typos).toHaveLength(4);
    expect(fine).toHaveLength(4);
  });

  it('still rejects those values at run time for JavaScript callers, naming the option', () => {
    const driver = new FakeDriver();
    for (const [option, value] of [['resetOnReturn', 'rolback'], ['poolTimeout', '30s'], ['prePing', 'yes']] as const) {
      const untyped = { driver, [option]: value } as unknown as EngineOptions;
      expect(() => createEngine('fake://db/x', untyped)).toThrow(expect.objectContaining({ code: 'POOL_CONFIG', option }));
    }
  });

  it('keeps text legal in the URL query and the environment', () => {
    const engine = createEngine('fake://db/x?pool_timeout=30&pre_ping=true&reset_on_return=commit', { driver: new FakeDriver() });
    expect(engine.options).toMatchObject({ poolTimeout: 30, prePing: true, resetOnReturn: 'commit' });
  });
});
