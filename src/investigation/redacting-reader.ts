// An SsmReader (and AwsGateway) that redacts every free-text field a target account controls — command
// output, automation failure messages and outputs, ExecutionSummary, parameters — as it is read, so no
// step, store, log line or Slack message ever holds the raw text.
import type {
  AssociationFacts,
  AutomationExecutionFacts,
  CommandInvocationFacts,
  DocumentFacts,
  InstanceAssociationStatusFacts,
} from '../domain/facts.ts';
import { parseExecutionSummary } from '../domain/parsers.ts';
import { type Redactor, redactionMarker } from '../redaction/redact.ts';
import { isSecretName, isSecretReference } from '../redaction/rules.ts';
import type { AwsGateway, SsmReader } from './ports.ts';

/** Redacts the free text of one value; strings shorter than a secret could be are left alone. */
type Redact = (text: string) => Promise<string>;

/** Parameter values: each redacted, and the whole value masked when the parameter's name says it is a secret. */
const redactValues = async (values: Record<string, string[]>, redact: Redact) =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(values).map(async ([name, list]) => {
        const secret = isSecretName(name);
        const redacted = await Promise.all(
          list.map((value) =>
            secret && value !== '' && !isSecretReference(value) ? redactionMarker('parameter') : redact(value),
          ),
        );
        return [name, redacted] as const;
      }),
    ),
  );

export async function redactCommand(c: CommandInvocationFacts, redact: Redact): Promise<CommandInvocationFacts> {
  return { ...c, stdout: await redact(c.stdout), stderr: await redact(c.stderr) };
}

export async function redactAutomation(a: AutomationExecutionFacts, redact: Redact): Promise<AutomationExecutionFacts> {
  return {
    ...a,
    ...(a.failureMessage === undefined ? {} : { failureMessage: await redact(a.failureMessage) }),
    parameters: await redactValues(a.parameters, redact),
    failedSteps: await Promise.all(
      a.failedSteps.map(async (s) => ({
        ...s,
        ...(s.failureMessage === undefined ? {} : { failureMessage: await redact(s.failureMessage) }),
        ...(s.failureDetails === undefined ? {} : { failureDetails: await redact(s.failureDetails) }),
        ...(s.outputs === undefined ? {} : { outputs: await redactValues(s.outputs, redact) }),
      })),
    ),
  };
}

async function redactInstanceAssociation(
  row: InstanceAssociationStatusFacts,
  redact: Redact,
): Promise<InstanceAssociationStatusFacts> {
  if (!row.executionSummary) return row;
  return { ...row, executionSummary: parseExecutionSummary(await redact(row.executionSummary.raw)) };
}

async function redactAssociation(a: AssociationFacts, redact: Redact): Promise<AssociationFacts> {
  return {
    ...a,
    parameters: await redactValues(a.parameters, redact),
    ...(a.legacyStatus?.message === undefined
      ? {}
      : { legacyStatus: { ...a.legacyStatus, message: await redact(a.legacyStatus.message) } }),
  };
}

async function redactDocument(d: DocumentFacts, redact: Redact): Promise<DocumentFacts> {
  if (!d.found) return { ...d, message: await redact(d.message) };
  return d.statusInformation === undefined ? d : { ...d, statusInformation: await redact(d.statusInformation) };
}

/**
 * The reader with every account-controlled text redacted. Calls that return only ids, statuses, counts and
 * dates pass through to `reader` unchanged (also methods added to the port later: a new method that returns
 * free text must be added here).
 */
export function redactingReader(reader: SsmReader, redactor: Redactor): SsmReader {
  const redact: Redact = async (text) => (await redactor.redact(text)).text;
  const overrides: Partial<SsmReader> = {
    describeAssociation: async (id) => redactAssociation(await reader.describeAssociation(id), redact),
    describeDocument: async (name, version) => redactDocument(await reader.describeDocument(name, version), redact),
    describeInstanceAssociations: async (id) =>
      Promise.all((await reader.describeInstanceAssociations(id)).map((row) => redactInstanceAssociation(row, redact))),
    getCommandInvocation: async (commandId, instanceId, pluginName) =>
      redactCommand(await reader.getCommandInvocation(commandId, instanceId, pluginName), redact),
    listCommandPlugins: async (commandId, instanceId) =>
      Promise.all((await reader.listCommandPlugins(commandId, instanceId)).map((p) => redactCommand(p, redact))),
    getAutomationExecution: async (id) => redactAutomation(await reader.getAutomationExecution(id), redact),
  };
  // Everything else is the reader's own method, called on the reader.
  return Object.assign(Object.create(reader) as SsmReader, overrides);
}

/** The gateway whose readers redact (keeps the rest of the gateway, e.g. `close`). */
export function redactingGateway<G extends AwsGateway>(gateway: G, redactor: Redactor): G {
  return {
    ...gateway,
    reader: (account, region, requester) => redactingReader(gateway.reader(account, region, requester), redactor),
  };
}
