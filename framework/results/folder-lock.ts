import { open, readFile, unlink } from 'node:fs/promises';

import { createLogger } from '../logging/index.ts';

const log = createLogger('results');

/** True when a process with this id exists, even one owned by another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates `lockFile` with this process's id, so that a second opener of the
 * same PGlite folder fails instead of corrupting it: PGlite has no lock of
 * its own. A lock left by a process that no longer runs is taken over.
 * Returns the function that releases the lock.
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
      return async () => {
        await unlink(lockFile).catch((error: unknown) => {
          log('failed to remove the lock file %s: %s', lockFile, String(error));
        });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const owner = await readOwner(lockFile);
    if (owner !== undefined && isRunning(owner)) {
      const who = owner === process.pid ? 'this process' : `process ${owner}`;
      throw new Error(
        `The PGlite results database in ${folder} is already open in ${who}, and PGlite allows one opener at a time. ` +
          'Close the other store or wait for that process to end; for concurrent writers, set DATABASE_URL to use PostgreSQL. ' +
          `If process ${owner} is not a Nova process, delete ${lockFile}.`,
      );
    }
    log('taking over the lock file %s left by process %s, which no longer runs', lockFile, owner);
    await unlink(lockFile).catch(() => undefined);
  }
  throw new Error(
    `Failed to create the lock file ${lockFile}: another process created it at the same moment. Open the store again.`,
  );
}
