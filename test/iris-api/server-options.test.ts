import { describe, expect, it } from 'vitest';

import { UsageError } from '../../systems-under-test/iris-api/src/cli-args.ts';
import { parseServerOptions } from '../../systems-under-test/iris-api/src/server-options.ts';

describe('parseServerOptions', () => {
  it('uses defaults without options', () => {
    const options = parseServerOptions([], {});

    expect(options.port).toBe(3101);
    expect(options.host).toBe('127.0.0.1');
    expect(options.logLevel).toBe('info');
    expect(options.artifactsDir).toMatch(/systems-under-test\/iris-api\/artifacts$/);
  });

  it('option wins over environment', () => {
    const options = parseServerOptions(['--port', '4000', '--host=0.0.0.0'], {
      PORT: '5000',
      HOST: '::1',
    });

    expect(options.port).toBe(4000);
    expect(options.host).toBe('0.0.0.0');
  });

  it('reads PORT, HOST and LOG_LEVEL', () => {
    const options = parseServerOptions([], { PORT: '5000', HOST: '::1', LOG_LEVEL: 'debug' });

    expect(options.port).toBe(5000);
    expect(options.host).toBe('::1');
    expect(options.logLevel).toBe('debug');
  });

  it('accepts port 0 for a free port', () => {
    expect(parseServerOptions(['--port', '0'], {}).port).toBe(0);
  });

  it.each(['abc', '70000', '65536', '-1', '1.5', '1e3', ' 80', ''])(
    'rejects --port %j',
    (value) => {
      expect(() => parseServerOptions(['--port', value], {})).toThrow(UsageError);
      expect(() => parseServerOptions(['--port', value], {})).toThrow(
        `Invalid --port value "${value}"`,
      );
    },
  );

  it('names PORT when the environment value is invalid', () => {
    expect(() => parseServerOptions([], { PORT: 'abc' })).toThrow(
      'Invalid PORT environment value "abc"',
    );
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(() => parseServerOptions([], { LOG_LEVEL: 'verbose' })).toThrow(
      /Invalid LOG_LEVEL "verbose"/,
    );
  });

  it('rejects an unknown option', () => {
    expect(() => parseServerOptions(['--prot', '80'], {})).toThrow(/Unknown argument "--prot"/);
  });

  it('rejects an option without value', () => {
    expect(() => parseServerOptions(['--port'], {})).toThrow(/--port needs a value/);
  });
});
