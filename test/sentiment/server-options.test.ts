import { describe, expect, it } from 'vitest';

import {
  DEFAULT_PORT,
  parseServerOptions,
  UsageError,
} from '../../systems-under-test/sentiment/src/server-options.ts';

describe('parseServerOptions', () => {
  it('uses the defaults', () => {
    expect(parseServerOptions([], {})).toEqual({
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      logLevel: 'info',
      help: false,
    });
  });

  it('prefers --port over PORT', () => {
    expect(parseServerOptions(['--port', '0'], { PORT: '4000' }).port).toBe(0);
    expect(parseServerOptions([], { PORT: '4000' }).port).toBe(4000);
  });

  it('rejects an invalid port, naming its source', () => {
    expect(() => parseServerOptions(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseServerOptions([], { PORT: 'abc' })).toThrow(
      /Invalid PORT environment value "abc"/,
    );
  });

  it('rejects an unknown option', () => {
    expect(() => parseServerOptions(['--prot', '1'], {})).toThrow(/--prot.*--help/);
  });

  it('rejects an unknown log level', () => {
    expect(() => parseServerOptions([], { LOG_LEVEL: 'loud' })).toThrow(/Invalid LOG_LEVEL "loud"/);
  });
});
