// The folder graph of src/ and media/ must have no cycle: a folder that imports another
// must not be imported back by it, directly or around a loop. Per-file import rules (what a
// folder may import at all) are ESLint's job (eslint.config.mjs); this adds what ESLint's
// per-file view cannot see. Type-only imports count too: a loop of types is still a loop
// in the design. Prints the loops it finds and exits 1; prints the graph with --graph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const roots = ['src', 'media'].filter((top) => {
  try {
    return statSync(join(root, top)).isDirectory();
  } catch {
    return false;
  }
});

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** `src/core/merge/x.ts` → `src/core/merge`; the top-level files of src/ are their own nodes. */
const folderOf = (file) => {
  const rel = relative(root, file).replaceAll('\\', '/');
  return /^src\/[^/]+\.ts$/.test(rel) ? rel.replace(/\.ts$/, '') : dirname(rel);
};

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

const edges = new Map(); // folder → Map(folder → example "file → import")
for (const top of roots) {
  for (const file of sourceFiles(join(root, top))) {
    const from = folderOf(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      if (!target) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(root, file)} → ${fileName}`);
    }
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a loop.
let index = 0;
const stack = [];
const info = new Map();
const loops = [];
function visit(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!info.has(w)) {
      visit(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) loops.push(component.sort());
  }
}
for (const v of edges.keys()) if (!info.has(v)) visit(v);

if (process.argv.includes('--graph')) {
  for (const [from, tos] of [...edges].sort()) console.log(`${from} → ${[...tos.keys()].sort().join(', ')}`);
}
for (const loop of loops) {
  console.log(`import loop between folders: ${loop.join(', ')}`);
  for (const from of loop)
    for (const [to, example] of edges.get(from) ?? [])
      if (loop.includes(to)) console.log(`  ${from} → ${to}: ${example}`);
}
if (loops.length) process.exitCode = 1;
else console.log(`folder graph: ${edges.size} folders import others, no loop`);
