// `< ./file`, `<@ ./file` and `<@latin1 ./file` body lines (REST Client / JetBrains includes).

export interface BodyInclude {
  readonly path: string;
  readonly processVariables: boolean;
  readonly encoding?: string;
}

function isEncodingChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
}

/** The include on the line [start, end), which must begin with `<` in the first column. */
export function parseBodyInclude(text: string, start: number, end: number): BodyInclude | undefined {
  if (text.charCodeAt(start) !== 60 /* < */) return undefined;
  let i = start + 1;
  const processVariables = text.charCodeAt(i) === 64; /* @ */
  let encoding: string | undefined;
  if (processVariables) {
    i++;
    const encodingStart = i;
    while (i < end && isEncodingChar(text.charCodeAt(i))) i++;
    if (i > encodingStart) encoding = text.slice(encodingStart, i);
  }
  const gap = text.charCodeAt(i);
  if (i >= end || (gap !== 32 && gap !== 9)) return undefined;
  const path = text.slice(i, end).trim();
  if (path === '') return undefined;
  return { path, processVariables, encoding };
}
