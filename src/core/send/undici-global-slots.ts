// Loading undici installs a process-wide dispatcher when none is set, which in the shared
// extension host would change what every other extension's `fetch` uses (security.md §4.2).
// This module must be evaluated before undici: it records the two global slots so that
// `undici-without-global.ts` can put them back right after undici has loaded.

const globalDispatcherSlots = [
  Symbol.for('undici.globalDispatcher.1'),
  Symbol.for('undici.globalDispatcher.2'),
] as const;

type SlotHolder = Record<symbol, unknown>;

const slotValuesBeforeUndici = globalDispatcherSlots.map((slot) => ({
  slot,
  present: Object.prototype.hasOwnProperty.call(globalThis, slot),
  value: (globalThis as unknown as SlotHolder)[slot],
}));

/** Puts each global dispatcher slot back to what it held before undici was loaded. */
export function restoreGlobalDispatcherSlots(): void {
  const holder = globalThis as unknown as SlotHolder;
  for (const { slot, present, value } of slotValuesBeforeUndici) {
    // The slots are defined non-configurable but writable, so they can be reset, not deleted.
    if (holder[slot] !== value && (present || Object.prototype.hasOwnProperty.call(holder, slot))) {
      holder[slot] = value;
    }
  }
}

/** Current values of the global dispatcher slots, for tests that prove we leave them alone. */
export function readGlobalDispatcherSlots(): unknown[] {
  return globalDispatcherSlots.map((slot) => (globalThis as unknown as SlotHolder)[slot]);
}
