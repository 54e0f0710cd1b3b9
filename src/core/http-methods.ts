// Which methods only read. RFC 9110 §9.2.1 defines the safe methods: GET, HEAD, OPTIONS and
// TRACE. A safe request changes nothing on the server, so it cannot be a write that landed,
// a stale write, or the user's own write — every layer asks this one set.

/** RFC 9110 §9.2.1 safe methods, upper case. */
export const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Whether a request with this method (any case) only reads. */
export function isSafeMethod(method: string): boolean {
  return safeMethods.has(method.toUpperCase());
}
