// Header lists as every layer sees them: the parser, variables, redaction and the sender.
// They live below all of those so none has to import another for them.

/** Headers in order, names as written; a name may repeat. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** The first value of a header, by case-insensitive name. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}
