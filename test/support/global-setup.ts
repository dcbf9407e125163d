// Once per test run: tags every app process the run starts (SSM_WHY_TEST_RUN in the environment that test workers
// and their app processes inherit), and at the end fails the run if any of them is still alive or any
// `ssm-why-e2e-<tag>-*` temp folder is still there (or a throwaway PostgreSQL server in one) — after removing them, so a failed run leaves
// nothing behind either.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** This run's e2e temp folders (named by test/support/e2e.ts after the run's tag). */
function e2eFolders(tag: string): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`ssm-why-e2e-${tag}-`));
}

/** PIDs of live processes whose environment carries this run's tag (Linux /proc; elsewhere none are found). */
function taggedProcesses(tag: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const needle = `SSM_WHY_TEST_RUN=${tag}`;
  return entries.flatMap((pid) => {
    if (Number(pid) === process.pid) return [];
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      // Only the app processes (src/main.ts), not the test workers that carry the same environment.
      return environ.includes(needle) && cmdline.includes('src/main.ts') ? [Number(pid)] : [];
    } catch {
      return []; // gone meanwhile, or not ours to read
    }
  });
}

/** The PID of a throwaway PostgreSQL cluster still running in `folder` (test/support/throwaway-postgres.ts). */
function postmasterOf(folder: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path.join(folder, 'data', 'postmaster.pid'), 'latin1'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export default function setup(): () => void {
  const tag = randomBytes(8).toString('hex');
  process.env.SSM_WHY_TEST_RUN = tag;
  return () => {
    const leftovers: string[] = [];
    for (const pid of taggedProcesses(tag)) {
      leftovers.push(`process ${pid}`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const name of e2eFolders(tag)) {
      const postmaster = postmasterOf(path.join(tmpdir(), name));
      if (postmaster !== undefined) {
        leftovers.push(`postgres server ${postmaster}`);
        try {
          process.kill(postmaster, 'SIGQUIT'); // PostgreSQL's immediate shutdown
        } catch {
          // already gone
        }
      }
      leftovers.push(`folder ${path.join(tmpdir(), name)}`);
      rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
    if (leftovers.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code ourselves.
      process.exitCode = 1;
      throw new Error(`the test run left behind (now removed): ${leftovers.join(', ')}`);
    }
  };
}
