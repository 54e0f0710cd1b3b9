// What a user sees in the Extensions view and what the VSIX carries: an icon of the size the
// marketplace shows, where the project lives, a changelog, and nothing the user should not get.
// The same manifest must be publishable on Open VSX (a licence, no proposed APIs).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repo-root';

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  icon?: string;
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  galleryBanner?: { color?: string; theme?: string };
  license?: string;
};

/** Width and height from a PNG's IHDR chunk — the file must be a PNG, not just named one. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the extension listing', () => {
  it('has an icon of at least 128×128 pixels', () => {
    assert.ok(manifest.icon, 'package.json names an icon');
    const { width, height } = pngSize(join(root, manifest.icon));
    assert.equal(width, height, 'the icon is square');
    assert.ok(width >= 128, `the icon is ${width}px wide`);
  });

  it('says where the project lives, where to report bugs, and has a gallery banner', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
  });

  it('is publishable on Open VSX: a licence with its file, no proposed APIs', () => {
    assert.equal(manifest.license, 'MIT');
    assert.ok(existsSync(join(root, 'LICENSE')));
    assert.equal(manifest.enabledApiProposals, undefined);
    assert.ok(existsSync(join(root, 'CHANGELOG.md')));
  });

  it('ships exactly the runtime files, the docs the listing shows, and nothing else', async function () {
    this.timeout(60_000);
    const ls = spawnSync('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    assert.equal(ls.status, 0, ls.stderr);
    const files = ls.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^CHANGELOG\.md$/,
      /^LICENSE$/,
      /^language-configuration\.json$/,
      /^syntaxes\/[\w.-]+\.json$/,
      /^snippets\/[\w.-]+\.json$/,
      /^media\/icon\.png$/,
      /^dist\/(extension|sender|resolve|jsonpath|probe|panel)\.js$/,
      /^dist\/(panel|codicon)\.css$/,
      /^dist\/codicon\.ttf$/,
      /^docs\/screenshots\/[\w-]+\.png$/,
    ];
    for (const f of files)
      assert.ok(
        allowed.some((re) => re.test(f)),
        `the VSIX would ship ${f}`,
      );
    // The bundles the extension requires on first use (esbuild.config.mjs) ship beside it.
    const { lazyBundles } = (await import(pathToFileURL(join(root, 'esbuild.config.mjs')).href)) as {
      lazyBundles: Record<string, string>;
    };
    const bundles = ['extension', 'panel', ...Object.keys(lazyBundles)].map((name) => `dist/${name}.js`);
    for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/icon.png', ...bundles])
      assert.ok(files.includes(needed), `the VSIX ships ${needed}`);
  });
});
