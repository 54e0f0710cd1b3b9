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
      requests.push({
        method: 'GET',
        url: `${origin}/items/${i}`,
        headers: { accept: 'application/json', 'x-bench': 'send' },
      });
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
      lines.push(
        'POST {{origin}}/items',
        'Accept: application/json',
        'X-Bench: send',
        'Content-Type: application/json',
        '',
        itemBody(i),
        '',
      );
    }
  }
  return lines.join('\n');
}

/**
 * The same requests as a Bruno collection (`bru run --env bench`): one `.bru` file per
 * request, run in `seq` order, with the origin in an environment as `{{origin}}` is in the
 * `.http` file. Returns file paths (relative to the collection folder) and their text.
 */
export function generateBruCollection(count: number, origin: string): Record<string, string> {
  const files: Record<string, string> = {
    'bruno.json': `${JSON.stringify({ version: '1', name: 'bench', type: 'collection', ignore: ['node_modules', '.git'] }, null, 2)}\n`,
    'environments/bench.bru': `vars {\n  origin: ${origin}\n}\n`,
  };
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const get = i % 2 === 0;
    const lines = ['meta {', `  name: request ${i}`, '  type: http', `  seq: ${i + 1}`, '}', ''];
    lines.push(
      get ? 'get {' : 'post {',
      `  url: {{origin}}/items${get ? `/${i}` : ''}`,
      `  body: ${get ? 'none' : 'json'}`,
      '  auth: none',
      '}',
      '',
    );
    lines.push(
      'headers {',
      '  accept: application/json',
      '  x-bench: send',
      ...(get ? [] : ['  content-type: application/json']),
      '}',
      '',
    );
    if (!get)
      lines.push(
        'body:json {',
        ...itemBody(i)
          .split('\n')
          .map((l) => `  ${l}`),
        '}',
        '',
      );
    files[`r${String(i).padStart(width, '0')}.bru`] = lines.join('\n');
  }
  return files;
}
