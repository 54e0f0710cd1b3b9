// Text that came from a server, made inert: every character a terminal or an editor could act
// on — C0 controls (ESC starts cursor moves, screen clears, OSC title and clipboard writes;
// CR and LF forge lines), DEL, C1 controls (U+009B is a one-character CSI), the line and
// paragraph separators, and the bidi controls that reorder what is shown around them — is
// replaced by a visible escape such as \x1b or \u202e. The rest, including the backslash,
// stays as it arrived, so the text still reads as what the server said.
const actionable = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same characters outside C0, which JSON.stringify leaves as they are. */
const actionableInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return (
    named[char] ??
    (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

export function hasActionableCharacter(text: string): boolean {
  actionable.lastIndex = 0;
  return actionable.test(text);
}

/** One line, one field: nothing in it can act, not even a line break. */
export function inertLine(text: string): string {
  return text.replace(actionable, escape);
}

/** A body shown as lines: line breaks and tabs stay; a bare CR (which overwrites a line) does not. */
export function inertBlock(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(actionable, (char) => (char === '\n' || char === '\t' ? char : escape(char)));
}

/**
 * JSON text from JSON.stringify (which escapes C0 already): the other actionable characters
 * can only sit inside strings there, so a \uXXXX escape keeps the JSON valid and the exact
 * text it carries.
 */
export function inertJson(json: string): string {
  return json.replace(actionableInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
