/**
 * One JSON line per event on stderr, the format log shippers read. Level
 * from PIPELINE_LOG_LEVEL: error, warn, info (default) or debug.
 */
const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type Level = (typeof LEVELS)[number];

const threshold = LEVELS.indexOf((process.env.PIPELINE_LOG_LEVEL ?? 'info') as Level);

export type Logger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;

export function createLogger(component: string): Logger {
  const write =
    (level: Level) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(level) > (threshold < 0 ? 2 : threshold)) return;
      const entry = { time: new Date().toISOString(), level, component, message, ...fields };
      process.stderr.write(
        JSON.stringify(entry, (_key, value: unknown) =>
          value instanceof Error ? value.message : value,
        ) + '\n',
      );
    };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}
