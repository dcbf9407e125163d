// The CLI as a user runs it: tsx on src/cli/investigate.ts (what `npm run investigate` runs) in a child
// process, with a bare environment that points the real AWS SDK at a fake AWS over HTTP.
//
//   const result = await runToCompletion(TSX, ['src/cli/investigate.ts', id], cliEnv(aws, accountsFile));
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './app-process.ts';
import type { FakeAws } from './fake-aws/index.ts';
import { PROD, TEST_CREDENTIALS } from './scenarios/index.ts';

export const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Nothing inherited but PATH and HOME: the fake AWS, the test credentials, PROD's region and the accounts file. */
export function cliEnv(
  aws: FakeAws,
  accountsFile: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_REGION: PROD.region,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SSM: aws.url,
    AWS_ENDPOINT_URL_STS: aws.url,
    AWS_ENDPOINT_URL_EC2: aws.url,
    SSM_AGENT_LATEST_VERSION_URL: aws.agentReleaseUrlTemplate,
    SSM_WHY_ACCOUNTS_FILE: accountsFile,
    ...overrides,
  };
}

/** Runs a command in the repository to completion, collecting its output. */
export function runToCompletion(command: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
