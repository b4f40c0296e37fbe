import { describe, expect, it } from 'vitest';

import { ConfigError, resolveSystems, systemEndpoint } from '../../framework/config/index.ts';

const definitions = {
  iris: { command: 'npm run sut:iris -- --port {port}', defaultPort: 3101, healthPath: '/health' },
  'data-pipeline': { command: 'start {port}', defaultPort: 3201, healthPath: '/ready' },
};

describe('resolveSystems', () => {
  it('starts each system on its default port', () => {
    const systems = resolveSystems(definitions, {});

    expect(systems.iris).toEqual({
      name: 'iris',
      baseURL: 'http://127.0.0.1:3101',
      healthURL: 'http://127.0.0.1:3101/health',
      managed: true,
      command: 'npm run sut:iris -- --port 3101',
      startTimeoutMs: 120_000,
    });
  });

  it('moves the port with NOVA_<NAME>_PORT', () => {
    const systems = resolveSystems(definitions, { NOVA_DATA_PIPELINE_PORT: '4000' });

    expect(systems['data-pipeline']?.baseURL).toBe('http://127.0.0.1:4000');
    expect(systems['data-pipeline']?.command).toBe('start 4000');
  });

  it('shifts every default port by NOVA_PORT_OFFSET, but not an explicit port', () => {
    const systems = resolveSystems(definitions, {
      NOVA_PORT_OFFSET: '1000',
      NOVA_DATA_PIPELINE_PORT: '4000',
    });

    expect(systems.iris?.baseURL).toBe('http://127.0.0.1:4101');
    expect(systems.iris?.command).toBe('npm run sut:iris -- --port 4101');
    expect(systems['data-pipeline']?.baseURL).toBe('http://127.0.0.1:4000');
  });

  it.each(['-5', 'abc', '70000', '1.5'])('rejects NOVA_PORT_OFFSET=%s', (value) => {
    expect(() => resolveSystems(definitions, { NOVA_PORT_OFFSET: value })).toThrow(
      new RegExp(
        `NOVA_PORT_OFFSET must be a whole number from 0 to 60000, received "${value.replace('.', '\\.')}"`,
      ),
    );
  });

  it('rejects an offset that pushes a default port past 65535', () => {
    const high = { iris: { ...definitions.iris, defaultPort: 65_000 } };

    expect(() => resolveSystems(high, { NOVA_PORT_OFFSET: '1000' })).toThrow(
      /NOVA_IRIS default port \+ NOVA_PORT_OFFSET must be a TCP port from 1 to 65535, received "66000"/,
    );
  });

  it('targets a running deployment with NOVA_<NAME>_URL', () => {
    const systems = resolveSystems(definitions, {
      NOVA_IRIS_URL: 'https://iris.test.example/api/',
    });

    expect(systems.iris?.managed).toBe(false);
    expect(systems.iris?.command).toBeUndefined();
    expect(systems.iris?.baseURL).toBe('https://iris.test.example/api');
    expect(systems.iris?.healthURL).toBe('https://iris.test.example/api/health');
  });

  it.each([
    ['abc', 'NOVA_IRIS_PORT must be a TCP port from 1 to 65535, received "abc"'],
    ['0', 'received "0"'],
    ['65536', 'received "65536"'],
    ['-1', 'received "-1"'],
    ['3101.5', 'received "3101.5"'],
  ])('rejects port %s', (value, message) => {
    expect(() => resolveSystems(definitions, { NOVA_IRIS_PORT: value })).toThrow(ConfigError);
    expect(() => resolveSystems(definitions, { NOVA_IRIS_PORT: value })).toThrow(message);
  });

  it.each([
    ['not a url', 'NOVA_IRIS_URL must be an absolute http(s) URL, received "not a url"'],
    ['ftp://host/x', 'NOVA_IRIS_URL must use http or https, received "ftp:"'],
    ['http://host/?q=1', 'must be a base URL without query or fragment'],
    ['http://user:s3cret@host/', 'must not contain a user name or password'],
  ])('rejects URL %s', (value, message) => {
    expect(() => resolveSystems(definitions, { NOVA_IRIS_URL: value })).toThrow(message);
  });

  it('rejects URL and port together', () => {
    expect(() =>
      resolveSystems(definitions, { NOVA_IRIS_URL: 'http://127.0.0.1:9', NOVA_IRIS_PORT: '9' }),
    ).toThrow('Both NOVA_IRIS_URL and NOVA_IRIS_PORT are set');
  });

  it('rejects a command without {port}', () => {
    expect(() =>
      resolveSystems({ iris: { ...definitions.iris, command: 'npm run sut:iris' } }, {}),
    ).toThrow('command "npm run sut:iris" must contain {port}');
  });

  it('rejects an invalid system name', () => {
    expect(() => resolveSystems({ Iris_API: definitions.iris }, {})).toThrow(
      'System name "Iris_API" is invalid',
    );
  });
});

describe('systemEndpoint', () => {
  it('lists known systems for a typo', () => {
    const systems = resolveSystems(definitions, {});

    expect(() => systemEndpoint(systems, 'irs')).toThrow(
      'Unknown system under test "irs". Known systems: iris, data-pipeline.',
    );
  });
});
