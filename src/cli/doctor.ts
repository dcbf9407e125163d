// `npm run doctor` (in the image: `node dist/cli/doctor.js`): checks a real setup with the app's own
// configuration and prints one line per check, each failure with its fix; `--lang en|ja` (else LANG) picks the
// language of the summary. Exit code: 0 when every check passed, 1 when one failed, 2 on a configuration error
// or usage error.
import { createAgentReleaseSource } from '../aws/agent-release.ts';
import { createAwsGateway } from '../aws/gateway.ts';
import { readConfigFromProcess, silenceAwsNodeVersionWarning } from '../config/index.ts';
import { allPassed, doctorLines, runDoctor } from '../doctor/checks.ts';
import { texts } from '../i18n/index.ts';
import { doctorSlackClient, slackChecks } from '../slack/doctor.ts';
import { checkConfiguredDatabase } from '../store/doctor.ts';
import { cliLang } from './lang.ts';

export async function runDoctorCli(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  silenceAwsNodeVersionWarning();
  const chosen = cliLang(argv, env);
  const say = texts(chosen.lang).cli;
  if (!chosen.ok) {
    err.write(`${say.badLang(chosen.value)}\n`);
    return 2;
  }
  const loaded = readConfigFromProcess('app');
  if (!loaded.ok) {
    for (const problem of loaded.problems) err.write(`config: ${problem}\n`);
    return 2;
  }
  const config = loaded.config;
  const gateway = createAwsGateway({
    endpoints: config.aws.endpoints,
    timeouts: { requestMs: config.aws.callTimeoutMs },
    // One retry: a doctor should answer quickly, and a throttle is reported, not hidden.
    maxAttempts: Math.min(config.aws.maxAttempts, 2),
  });
  try {
    const checks = await runDoctor({
      accounts: config.accounts,
      lang: chosen.lang,
      aws: gateway,
      agentReleases: createAgentReleaseSource({ urlTemplate: config.agentVersionUrl }),
      slack: () => slackChecks(doctorSlackClient(config.slack), chosen.lang),
      database: () =>
        checkConfiguredDatabase({
          dataDir: config.dataDir,
          lang: chosen.lang,
          ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        }),
    });
    for (const line of doctorLines(checks, chosen.lang)) out.write(`${line}\n`);
    const failed = checks.filter((c) => !c.ok).length;
    out.write(`${failed === 0 ? say.doctor.allPassed(checks.length) : say.doctor.someFailed(failed, checks.length)}\n`);
    return allPassed(checks) ? 0 : 1;
  } finally {
    gateway.close();
  }
}

runDoctorCli(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ssm-why doctor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
