/**
 * Seeded faults of the browser code. The server lists the active ones in GET /api/meta, and
 * the list is empty unless a test run switches one on with NOVA_FAULTS.
 */
const active = new Set();

export function setActiveFaults(ids) {
  for (const id of ids) active.add(id);
}

export function faultOn(id) {
  return active.has(id);
}
