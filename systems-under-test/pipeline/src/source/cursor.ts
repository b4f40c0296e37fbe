/**
 * Opaque cursors of the source API: base64url of `{"o":<offset>}`. Clients must
 * pass back what they received, so the encoding can change without notice.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** Returns the offset, or undefined when the cursor was not issued by this service. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    return Number.isSafeInteger(value.o) && (value.o as number) >= 0
      ? (value.o as number)
      : undefined;
  } catch {
    return undefined;
  }
}
