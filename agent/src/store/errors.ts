// The store's errors that stop the daemon with exit code 2 and a message saying what to do (no stack trace).

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The database file is damaged or not Porthole's: says which file and how to start fresh. */
export class StoreDamagedError extends StoreError {
  override name = 'StoreDamagedError';
  constructor(
    readonly file: string,
    problem: string,
    now: Date = new Date(),
  ) {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const aside = `${file}.corrupt-${stamp}`;
    super(
      `the database ${file} is damaged: ${problem}\n` +
        `  to start fresh (the timeline, findings history and alert state begin again), stop Porthole and move it aside:\n` +
        `    mv '${file}' '${aside}'; [ -e '${file}-wal' ] && mv '${file}-wal' '${aside}-wal'; rm -f '${file}-shm'\n` +
        `  the old file stays as ${aside} for inspection (sqlite3 '${aside}' '.recover')`,
    );
  }
}
