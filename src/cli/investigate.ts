// `npm run investigate -- <association-id> [--account …] [--region …] [--show-output] [--lang en|ja]`: the same flow
// and rules as the Slack command, printed in the terminal; `--show-output` adds each output sample's (redacted)
// output; `--lang` (else LANG) picks the language. Exit code: 0 healthy (or warnings only), 1 fault found, 2 usage or
// configuration error.
import { userInfo } from 'node:os';
import { createAgentReleaseSource } from '../aws/agent-release.ts';
import { createAwsGateway } from '../aws/gateway.ts';
import { noColorRequested, readConfigFromProcess, silenceAwsNodeVersionWarning } from '../config/index.ts';
import { texts } from '../i18n/index.ts';
import { describeAccount, findAccountByNameOrId } from '../investigation/authorize.ts';
import { createLocator } from '../investigation/locate.ts';
import { createMemoryInvestigationStore } from '../investigation/memory-store.ts';
import { outputText } from '../investigation/output-text.ts';
import type { AssociationLocationStore, ProgressSink } from '../investigation/ports.ts';
import { redactingGateway } from '../investigation/redacting-reader.ts';
import { createRunner } from '../investigation/runner.ts';
import { createShowOutputService, storedFacts } from '../investigation/show-output.ts';
import { createLogger } from '../logger.ts';
import { createRedactor } from '../redaction/redact.ts';
import { parseCommand } from '../slack/parse-command.ts';
import { cliLang } from './lang.ts';
import { renderHeaderText, renderStepText, renderVerdictText } from './render.ts';

const SHOW_OUTPUT_FLAG = '--show-output';

export async function runCli(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  color: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  silenceAwsNodeVersionWarning();
  // CLI-only flags: the command parser (shared with Slack) treats unknown flags as errors.
  const chosen = cliLang(argv, env);
  const { lang, args } = chosen;
  const say = texts(lang).cli;
  if (!chosen.ok) {
    err.write(`${say.badLang(chosen.value)}\n${say.usage}\n`);
    return 2;
  }
  if (args.some((a) => a === '--help' || a === '-h') || args[0] === 'help') {
    out.write(`${say.usage}\n\n${say.help}\n`);
    return 0;
  }
  const showOutput = args.includes(SHOW_OUTPUT_FLAG);
  const parsed = parseCommand(args.filter((a) => a !== SHOW_OUTPUT_FLAG).join(' '));
  if (parsed.kind !== 'investigate') {
    err.write(`${parsed.kind === 'invalid' ? `${parsed.problem(texts(lang))}\n` : ''}${say.usage}\n`);
    return 2;
  }
  const loaded = readConfigFromProcess('cli');
  if (!loaded.ok) {
    for (const problem of loaded.problems) err.write(`config: ${problem}\n`);
    return 2;
  }
  const config = loaded.config;
  const logger = // Logs go to stderr; below warn they would drown the report in a terminal.
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr as never);
  const gateway = createAwsGateway({
    endpoints: config.aws.endpoints,
    timeouts: { requestMs: config.aws.callTimeoutMs },
    maxAttempts: config.aws.maxAttempts,
    retryMode: config.aws.retryMode,
  });
  try {
    // The terminal user is the operator: every configured account is open to them.
    const accounts = config.accounts.map(({ channels: _channels, ...account }) => account);
    const remembered = new Map<string, { accountId: string; region: string }>();
    const locations: AssociationLocationStore = {
      find: async (id) => remembered.get(id),
      remember: async (id, location) => void remembered.set(id, location),
    };
    const locator = createLocator({ accounts, gateway, locations });
    const userId = `cli-${userInfo().username}`;
    const request = {
      associationId: parsed.associationId,
      channelId: 'cli',
      userId,
      lang,
      ...(parsed.account ? { account: parsed.account } : {}),
      ...(parsed.region ? { region: parsed.region } : {}),
    };
    const located = await locator.locate(request);
    if (located.kind !== 'found') {
      const id = parsed.associationId;
      const message =
        located.kind === 'not-found'
          ? `${located.searched.length > 0 ? say.notFound(id, located.searched.join('; ')) : say.couldNotSearch(id)}${located.problems.length ? `\n${say.couldNotLookIn(located.problems.join('; '))}` : ''}`
          : located.kind === 'ambiguous'
            ? say.ambiguous(id, located.locations.map((l) => `${describeAccount(l.account)} ${l.region}`).join('; '))
            : located.reason;
      err.write(`${message}\n`);
      return 2;
    }
    const { account, region, documentName } = located.location;
    const store = createMemoryInvestigationStore();
    const investigation = await store.create({
      associationId: parsed.associationId,
      accountId: account.id,
      accountName: account.name,
      region,
      trigger: 'command',
      teamId: 'cli',
      channelId: 'cli',
      userId,
      lang,
    });
    out.write(`${renderHeaderText({ ...investigation, documentName }, { color, lang })}\n\n`);
    const sink: ProgressSink = {
      started: async () => undefined,
      stepFinished: async (_inv, step, total) => {
        out.write(`${renderStepText(step, total, { color, lang })}\n\n`);
        return {};
      },
      finished: async (_inv, diagnosis) => {
        out.write(`${renderVerdictText(diagnosis, { color, lang })}\n`);
        return {};
      },
    };
    const redactor = createRedactor();
    const runner = createRunner({
      store,
      gateway: redactingGateway(gateway, redactor),
      agentReleases: createAgentReleaseSource({ urlTemplate: config.agentVersionUrl }),
      sink,
      findAccount: (id) => findAccountByNameOrId(accounts, id),
      logger,
    });
    const diagnosis = await runner.run(investigation.id);
    if (showOutput) {
      // The same fetch and redaction as the Show output button, for each output sample.
      const service = createShowOutputService({ store, gateway, redactor });
      const samples = storedFacts(await store.listSteps(investigation.id)).outputs ?? [];
      if (samples.length === 0) out.write(`\n${say.noOutputSample}\n`);
      for (const index of samples.keys()) {
        const context = await service.resolve(investigation, { source: 'sample', index });
        if (!context) continue;
        out.write(`\n${outputText(await service.fetch(context, account, { userId }), lang)}`);
      }
    }
    return diagnosis?.outcome === 'fault' || diagnosis?.outcome === 'incomplete' ? 1 : 0;
  } finally {
    gateway.close();
  }
}

runCli(
  process.argv.slice(2),
  process.stdout,
  process.stderr,
  Boolean(process.stdout.isTTY) && !noColorRequested(),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ssm-why: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
