import { open, readFile, unlink } from 'node:fs/promises';

import { DatabaseConfigError } from './database.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `lockFile` with this process's id, because PGlite has no lock of its
 * own and two processes on one folder corrupt it. A lock left by a process
 * that no longer runs (for example one killed mid-load) is taken over.
 */
export async function acquireFolderLock(
  lockFile: string,
  folder: string,
): Promise<() => Promise<void>> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => unlink(lockFile).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new DatabaseConfigError(
        `The embedded pipeline database in ${folder} is open in process ${owner}, and PGlite allows one process at a time. ` +
          'Stop that process, pass another --data-dir, or set PIPELINE_DATABASE_URL to use PostgreSQL.',
      );
    }
    await unlink(lockFile).catch(() => undefined);
  }
  throw new DatabaseConfigError(
    `Cannot take the lock file ${lockFile}; delete it if no pipeline runs.`,
  );
}
