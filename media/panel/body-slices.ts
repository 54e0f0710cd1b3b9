// Big bodies are rendered a slice at a time: the first slice at once, the rest on request.
// A slice ends on a line break when one is near, so lines are not split between slices.

// One slice is what the panel tokenizes and draws in one go: 50 K characters of highlighted
// JSON render in a few hundred ms on a slow machine (bench/results.md, panel); "Show more" adds the next.
export const sliceChars = 50_000;

/** End offset (exclusive) of the slice that starts at `start`. */
export function sliceEnd(text: string, start: number, maxChars: number = sliceChars): number {
  const limit = start + maxChars;
  if (limit >= text.length) return text.length;
  const lineBreak = text.lastIndexOf('\n', limit - 1);
  if (lineBreak >= start + maxChars / 2) return lineBreak + 1;
  // No line break near the limit (minified JSON): cut, but never between a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff && limit - 1 > start ? limit - 1 : limit;
}

/** Every slice boundary of `text`, for tests and for a "show all" count. */
export function sliceOffsets(text: string, maxChars: number = sliceChars): number[] {
  const ends: number[] = [];
  let at = 0;
  while (at < text.length) {
    const end = sliceEnd(text, at, maxChars);
    ends.push(end);
    at = end;
  }
  return ends;
}
