// A clone of the repository is all the tests need: nothing under src/ or test/ may point at a folder beside
// the clone (the project's reading material lives there on developer machines, but not in a user's clone).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// Spelled in pieces so that this file does not name what it forbids.
const folder = `sh${'ared'}`;
const outsidePatterns = [`../${folder}`, `'..', '${folder}'`];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs|json|md|yml|yaml|txt)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the repository is self-contained', () => {
  it.each(['src', 'test', 'scripts'])('no file under %s/ reads a path outside the repository', async (folder) => {
    const files = await filesUnder(path.join(repoRoot, folder));
    expect(files.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (outsidePatterns.some((p) => text.includes(p))) offenders.push(path.relative(repoRoot, file));
    }
    expect(offenders).toEqual([]);
  });

  it('the reference data the tests read is in the repository', async () => {
    const files = await filesUnder(path.join(repoRoot, 'test', 'fixtures', 'reference'));
    const names = files.map((f) => path.relative(repoRoot, f));
    expect(names).toEqual(
      expect.arrayContaining([
        'test/fixtures/reference/aws-models/ssm.service-2.json',
        'test/fixtures/reference/aws-models/sts.service-2.json',
        'test/fixtures/reference/slack/manifest.schema.json',
        'test/fixtures/reference/slack-fixtures/slash_command.body.txt',
        'test/fixtures/reference/README.md',
      ]),
    );
  });
});
