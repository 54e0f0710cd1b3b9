// Big bodies are drawn a slice at a time: the first screen at once, the rest in slices between
// which the panel gives the thread back (the webview shares the editor's thread in
// code-server, so a long task here is a frozen editor). A slice ends on a line break when one
// is near, so lines are not split between slices.

/**
 * About one screen of formatted JSON (~75 lines): drawn in the task that builds the view. The
 * browser styles and lays out all of it in the frame that shows the response (trace: ~1160
 * layout objects for 6 000 characters, the panel's biggest share of that frame); the lines
 * below arrive a few milliseconds later in slices that stay unlaid-out until scrolled to.
 */
export const firstSliceChars = 3_000;

/** What the panel tokenizes and draws between checks of its time budget. */
export const sliceChars = 4_000;

/**
 * Work per task before yielding: well inside one frame (16 ms), so a key typed in the editor
 * is painted in the next frame even while a body is still being drawn.
 */
export const sliceBudgetMs = 8;

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
