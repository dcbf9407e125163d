// Reads a CloudFormation YAML template (short-form intrinsics such as !Ref, !Sub, !If as plain objects)
// and resolves the few intrinsics IAM documents use, so tests can hand real policies to a simulator.
import { readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';

const INTRINSICS = ['Ref', 'Sub', 'GetAtt', 'If', 'Not', 'Equals', 'Join', 'Or', 'And', 'Condition', 'Select', 'Split'];

const tags: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }) },
  ];
});

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Template {
  Parameters?: Record<string, { Default?: Json }>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, Json> }>;
}

export function readTemplate(file: string): Template {
  return parse(readFileSync(file, 'utf8'), { customTags: tags }) as Template;
}

/** Values for Ref (parameters and pseudo parameters) and Conditions. */
export interface Resolution {
  refs: Record<string, Json>;
  template: Template;
}

const NO_VALUE = Symbol('AWS::NoValue');

function evaluate(node: Json, r: Resolution): Json | typeof NO_VALUE {
  if (Array.isArray(node)) return node.map((n) => evaluate(n, r)).filter((n): n is Json => n !== NO_VALUE);
  if (node === null || typeof node !== 'object') return node;
  const [key] = Object.keys(node);
  const arg = key === undefined ? undefined : node[key];
  if (key === 'Ref' && typeof arg === 'string') {
    if (arg === 'AWS::NoValue') return NO_VALUE;
    const value = r.refs[arg] ?? r.template.Parameters?.[arg]?.Default;
    if (value === undefined) throw new Error(`no value for Ref ${arg}`);
    return value;
  }
  if (key === 'Fn::Sub' && typeof arg === 'string') {
    return arg.replace(/\$\{([\w:]+)\}/g, (_, name: string) => String(evaluate({ Ref: name }, r)));
  }
  if (key === 'Fn::If' && Array.isArray(arg)) {
    const [condition, then, otherwise] = arg as [string, Json, Json];
    return evaluate(condition_(condition, r) ? then : otherwise, r);
  }
  return Object.fromEntries(
    Object.entries(node)
      .map(([k, v]) => [k, evaluate(v, r)] as const)
      .filter((e): e is readonly [string, Json] => e[1] !== NO_VALUE),
  );
}

function condition_(name: string, r: Resolution): boolean {
  const expr = r.template.Conditions?.[name];
  if (expr === undefined) throw new Error(`no condition ${name}`);
  return truth(expr, r);
}

function truth(expr: Json, r: Resolution): boolean {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) throw new Error('bad condition');
  const [key] = Object.keys(expr);
  const arg = key === undefined ? undefined : expr[key];
  if (key === 'Condition' && typeof arg === 'string') return condition_(arg, r);
  if (key === 'Fn::Not' && Array.isArray(arg)) return !truth(arg[0] as Json, r);
  if (key === 'Fn::Or' && Array.isArray(arg)) return arg.some((a) => truth(a, r));
  if (key === 'Fn::And' && Array.isArray(arg)) return arg.every((a) => truth(a, r));
  if (key === 'Fn::Equals' && Array.isArray(arg)) {
    const [a, b] = arg.map((x) => JSON.stringify(evaluate(x, r)));
    return a === b;
  }
  throw new Error(`unsupported condition ${key}`);
}

/** A resource's property with parameters and conditions resolved. */
export function resolved(template: Template, path: (string | number)[], refs: Record<string, Json>): Json {
  let node: Json = template as unknown as Json;
  for (const step of path) node = (node as Record<string, Json>)[step] as Json;
  const value = evaluate(node, { refs, template });
  if (value === NO_VALUE) throw new Error(`${path.join('.')} resolves to no value`);
  return value;
}

/** `service:Operation` for every AWS SDK command or paginator a source file imports (type imports aside). */
export function sdkOperationsIn(source: string): string[] {
  const ops: string[] = [];
  // Static imports (`import { XCommand } from '@aws-sdk/client-x'`) and the lazy ones a destructuring
  // `const [{ XCommand }, …] = await Promise.all([import('@aws-sdk/client-x'), …])` or
  // `const { XCommand } = await import('@aws-sdk/client-x')` makes.
  const statics = source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g);
  const lazies = source.matchAll(
    /\{([^{}]*)\}[^{}=]*=\s*await\s+(?:Promise\.all\(\[\s*)?import\('@aws-sdk\/client-([a-z0-9-]+)'\)/g,
  );
  for (const m of [...statics, ...lazies]) {
    const service = m[2] ?? '';
    for (const raw of (m[1] ?? '').split(',')) {
      const name = raw.trim();
      if (!name || name.startsWith('type ')) continue;
      const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
      if (op) ops.push(`${service}:${op}`);
    }
  }
  if (/\bfromTemporaryCredentials\b/.test(source)) ops.push('sts:AssumeRole');
  return ops;
}
