// Removes from node_modules every package that production does not reach: run after `npm ci --omit=dev` in the
// image. npm keeps optional peer dependencies that the lock file holds for the dev tools (the Prisma CLI and
// TypeScript are optional peers of @prisma/client), which doubles node_modules; this walks the lock file from the
// root's production dependencies, following dependencies, optional dependencies and required peers — never
// optional peers — and deletes the rest. Usage: node scripts/prune-build-tools.mjs [dir] (default: cwd).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const packages = lock.packages;

/** Node's resolution over the lock file's locations: the nearest node_modules/<name> up from `from`. */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate] && existsSync(path.join(root, candidate))) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

function edges(location) {
  const p = packages[location] ?? {};
  const optionalPeers = new Set(
    Object.entries(p.peerDependenciesMeta ?? {})
      .filter(([, m]) => m.optional)
      .map(([n]) => n),
  );
  const peers = Object.keys(p.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n));
  return [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {}), ...peers];
}

const reached = new Set(['']);
const queue = [''];
while (queue.length > 0) {
  const from = queue.pop();
  for (const name of edges(from)) {
    const to = resolve(from, name);
    if (to !== undefined && !reached.has(to)) {
      reached.add(to);
      queue.push(to);
    }
  }
}

let removed = 0;
for (const location of Object.keys(packages)) {
  if (!location || reached.has(location) || !existsSync(path.join(root, location))) continue;
  rmSync(path.join(root, location), { recursive: true, force: true });
  removed += 1;
}
// Links to removed packages' executables.
const bin = path.join(root, 'node_modules/.bin');
if (existsSync(bin)) {
  for (const entry of readdirSync(bin))
    if (!existsSync(path.join(bin, entry))) rmSync(path.join(bin, entry), { force: true });
}
process.stdout.write(`prune-build-tools: removed ${removed} packages production does not reach\n`);
