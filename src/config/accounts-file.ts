// The accounts file (YAML): which AWS accounts ssm-why may investigate, through which role, in which
// regions, from which Slack channels. Errors name the file and the line, never a value.
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { AccountRef } from '../investigation/ports.ts';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

const accountSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, "_", "." or "-" (users type it)'),
    id: z.coerce.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id (quote it in YAML)'),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN')
      .optional(),
    externalId: z
      .string()
      .min(2, 'must be 2–1224 characters')
      .max(1224, 'must be 2–1224 characters')
      .regex(/^[\w+=,.@:/-]+$/, 'has characters STS does not accept')
      .optional(),
    regions: z
      .array(z.string().regex(REGION, 'must be an AWS region such as eu-west-1'))
      .min(1, 'needs at least one region'),
    channels: z
      .array(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD'))
      .optional(),
    remediatorRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN')
      .optional(),
    remediators: z
      .array(z.string().regex(/^[UWS][A-Z0-9]{2,}$/, 'must be a Slack user id (U…/W…) or user-group id (S…)'))
      .optional(),
  })
  .strict()
  .superRefine((account, ctx) => {
    if (account.externalId && !account.roleArn) {
      ctx.addIssue({ code: 'custom', path: ['externalId'], message: 'only applies together with roleArn' });
    }
    for (const key of ['roleArn', 'remediatorRoleArn'] as const) {
      const roleAccount = account[key]?.split(':')[4];
      if (roleAccount && roleAccount !== account.id) {
        ctx.addIssue({ code: 'custom', path: [key], message: `belongs to account ${roleAccount}, not ${account.id}` });
      }
    }
    if (account.remediatorRoleArn && account.remediatorRoleArn === account.roleArn) {
      ctx.addIssue({ code: 'custom', path: ['remediatorRoleArn'], message: 'must be a role other than roleArn' });
    }
    if (account.remediators?.length && !account.remediatorRoleArn) {
      ctx.addIssue({ code: 'custom', path: ['remediators'], message: 'only applies together with remediatorRoleArn' });
    }
  });

const fileSchema = z
  .object({ accounts: z.array(accountSchema).min(1, 'needs at least one account') })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.accounts.forEach((account, index) => {
      for (const key of [account.name.toLowerCase(), account.id]) {
        const first = seen.get(key);
        if (first !== undefined && first !== index) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', index],
            message: `duplicates account #${first + 1} (${key})`,
          });
        }
        seen.set(key, index);
      }
    });
  });

export type AccountsResult = { ok: true; accounts: AccountRef[] } | { ok: false; problems: string[] };

/** Parses the accounts file text; `source` names it in messages. */
export function parseAccountsFile(text: string, source: string): AccountsResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);

  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => `${source}:${lineOf(e.pos[0])}: invalid YAML (${e.code})`) };
  }
  const parsed = fileSchema.safeParse(doc.toJS());
  if (parsed.success) {
    const accounts = parsed.data.accounts.map((a) => {
      const account: AccountRef = { name: a.name, id: a.id, regions: a.regions };
      if (a.roleArn) account.roleArn = a.roleArn;
      if (a.externalId) account.externalId = a.externalId;
      if (a.channels) account.channels = a.channels;
      if (a.remediatorRoleArn) account.remediatorRoleArn = a.remediatorRoleArn;
      if (a.remediators) account.remediators = a.remediators;
      return account;
    });
    return { ok: true, accounts };
  }
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const line = lineOfPath(doc, path, lineOf);
    return `${source}:${line}: ${describePath(path)} ${issue.message}`;
  });
  return { ok: false, problems };
}

export function loadAccountsFile(path: string): AccountsResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read';
    return { ok: false, problems: [`SSM_WHY_ACCOUNTS_FILE: ${path}: ${reason}`] };
  }
  return parseAccountsFile(text, path);
}

/** The nearest YAML node on the path (the key itself may be missing), as a line number. */
function lineOfPath(
  doc: ReturnType<typeof parseDocument>,
  path: (string | number)[],
  lineOf: (offset: number | undefined) => number,
): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineOf(node.range[0]);
  }
  return 1;
}

function describePath(path: (string | number)[]): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
