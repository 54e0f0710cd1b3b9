// The send case's `.http` file and, for the bare undici floor, the same requests already
// resolved: what goes on the wire is identical, only the client differs.
export interface PlainRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function itemBody(i: number): string {
  return JSON.stringify({ id: i, title: `item ${i}`, tags: ['bench', `t${i % 10}`], done: i % 2 === 0 }, null, 2);
}

export function sendRequests(count: number, origin: string): PlainRequest[] {
  const requests: PlainRequest[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      requests.push({ method: 'GET', url: `${origin}/items/${i}`, headers: { accept: 'application/json', 'x-bench': 'send' } });
    } else {
      requests.push({
        method: 'POST',
        url: `${origin}/items`,
        headers: { accept: 'application/json', 'x-bench': 'send', 'content-type': 'application/json' },
        body: itemBody(i),
      });
    }
  }
  return requests;
}

/** The same requests written as a `.http` file with a `{{origin}}` file variable. */
export function generateSendFile(count: number, origin: string): string {
  const lines = [`@origin = ${origin}`, ''];
  for (let i = 0; i < count; i++) {
    lines.push(`### request ${i}`);
    if (i % 2 === 0) {
      lines.push(`GET {{origin}}/items/${i}`, 'Accept: application/json', 'X-Bench: send', '');
    } else {
      lines.push('POST {{origin}}/items', 'Accept: application/json', 'X-Bench: send', 'Content-Type: application/json', '', itemBody(i), '');
    }
  }
  return lines.join('\n');
}
