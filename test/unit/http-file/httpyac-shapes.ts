// httpYac's reading of a file (the npm package, used as a library) as one shape per request:
// method, URL and whether a body is sent. Shared by the differential test and the agreement
// figures (scripts/corpus-agreement.mjs).
import { join } from 'node:path';
import * as httpyac from 'httpyac';

export async function httpyacShapes(file: string, text: string, workingDir: string): Promise<string[]> {
  const store = new httpyac.store.HttpFileStore();
  const httpFile = await store.initHttpFile(join(workingDir, file), { workingDir });
  await httpyac.store.parseHttpFile(httpFile, text, store);
  return httpFile.httpRegions.flatMap((region) => {
    const request = region.request;
    if (request === undefined) return [];
    const body = request.body;
    const hasBody = Array.isArray(body)
      ? body.some((part) => typeof part !== 'string' || part.trim() !== '')
      : body !== undefined && String(body).trim() !== '';
    return [`${request.method} ${request.url} ${hasBody ? 'body' : 'no body'}`];
  });
}
