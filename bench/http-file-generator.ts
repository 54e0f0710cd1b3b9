// Generates `.http` files in the syntax both our parser and httpYac read the same way:
// `###` separators with titles, `#` and `//` comments, `# @name` metadata, file variables,
// headers with placeholders, and JSON / form / plain-text bodies.
import { pick, seededRandom, type Random } from './seeded-random';

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

function jsonBody(random: Random, i: number): string[] {
  return [
    '{',
    `  "id": ${i},`,
    `  "title": "${pick(random, words)} ${pick(random, words)}",`,
    `  "owner": "{{user}}",`,
    `  "tags": ["${pick(random, words)}", "${pick(random, words)}"],`,
    `  "price": ${(random() * 1000).toFixed(2)},`,
    `  "active": ${random() < 0.5}`,
    '}',
  ];
}

function formBody(random: Random, i: number): string[] {
  return [`name=${pick(random, words)}-${i}`, `&owner={{user}}`, `&count=${Math.floor(random() * 100)}`];
}

function textBody(random: Random, i: number): string[] {
  return [
    `Note ${i}: ${pick(random, words)} ${pick(random, words)} ${pick(random, words)}.`,
    `Second line for {{user}}.`,
  ];
}

function requestLines(random: Random, i: number): string[] {
  const lines = [`### request ${i}`];
  if (i % 3 === 0) lines.push(`# ${pick(random, words)} comment for request ${i}`);
  if (i % 5 === 0) lines.push(`// another comment style`);
  if (i % 4 === 0) lines.push(`# @name req${i}`);
  if (i % 50 === 0) lines.push(`@page${i} = ${Math.floor(random() * 10)}`);
  const shape = i % 4;
  if (shape === 0) {
    lines.push(
      `GET {{baseUrl}}/items/${i}?expand=owner&page=${i % 7}`,
      `Accept: application/json`,
      `Authorization: Bearer {{token}}`,
    );
    return [...lines, ''];
  }
  const method = shape === 1 ? 'POST' : shape === 2 ? 'PUT' : 'PATCH';
  lines.push(`${method} {{baseUrl}}/items/${i}`, `Authorization: Bearer {{token}}`, `X-Request-Id: req-${i}`);
  if (shape === 1) lines.push('Content-Type: application/json', '', ...jsonBody(random, i));
  else if (shape === 2) lines.push('Content-Type: application/x-www-form-urlencoded', '', ...formBody(random, i));
  else lines.push('Content-Type: text/plain', '', ...textBody(random, i));
  return [...lines, ''];
}

/** A file of `count` requests, about 10 lines each. */
export function generateHttpFile(count: number, seed = 42): string {
  const random = seededRandom(seed);
  const lines = ['@baseUrl = http://127.0.0.1:8080/api', '@token = secret-token', '@user = bench-user', ''];
  for (let i = 0; i < count; i++) lines.push(...requestLines(random, i));
  return lines.join('\n');
}
