// Checks JSON bodies against the official SSM service model (botocore's ssm.service-2.json), so the fake
// can never drift from what AWS really sends: required members, types, enums, no unknown members, and
// recursion through lists, maps and structures. Timestamps must be epoch seconds (awsJson1_1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface MemberRef {
  shape: string;
}

interface ModelShape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'boolean'
    | 'integer'
    | 'long'
    | 'float'
    | 'double'
    | 'timestamp'
    | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  min?: number;
  max?: number;
  union?: boolean;
  exception?: boolean;
  fault?: boolean;
}

interface ModelOperation {
  name: string;
  input?: MemberRef;
  output?: MemberRef;
  errors?: MemberRef[];
}

export interface ServiceModel {
  metadata: { targetPrefix?: string; protocol: string; jsonVersion?: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

export interface ValidateOptions {
  /** Check enum values (default true). AWS adds values without notice; our fakes should stay within the model. */
  enums?: boolean;
  /** Check min/max of strings, lists and numbers (default false: real AWS breaks some, e.g. AgentErrorCode). */
  lengths?: boolean;
}

/** The repository root (this file lives in test/support/fake-aws/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Third-party reference data kept in the repository (see its README for origins, versions and licences). */
export const referenceRoot = path.join(repoRoot, 'test', 'fixtures', 'reference');
export const ssmModelPath = path.join(referenceRoot, 'aws-models', 'ssm.service-2.json');

let cachedSsmModel: ServiceModel | undefined;

export function ssmModel(): ServiceModel {
  cachedSsmModel ??= JSON.parse(readFileSync(ssmModelPath, 'utf8')) as ServiceModel;
  return cachedSsmModel;
}

function operation(model: ServiceModel, name: string): ModelOperation {
  const op = model.operations[name];
  if (!op) throw new Error(`The SSM model has no operation ${name}`);
  return op;
}

/** Problems of an operation's response body, as `path: message` lines; empty when it conforms. */
export function validateOutput(operationName: string, body: unknown, options: ValidateOptions = {}): string[] {
  const model = ssmModel();
  const op = operation(model, operationName);
  if (!op.output) return body === undefined || isEmptyObject(body) ? [] : ['$: the operation has no output'];
  return validateShape(model, op.output.shape, body, options);
}

/** Problems of an operation's request body (lengths checked: AWS enforces them on input). */
export function validateInput(operationName: string, body: unknown, options: ValidateOptions = {}): string[] {
  const model = ssmModel();
  const op = operation(model, operationName);
  if (!op.input) return [];
  return validateShape(model, op.input.shape, body, { lengths: true, ...options });
}

/** Validates a value against a named shape of a model. */
export function validateShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  options: ValidateOptions = {},
): string[] {
  const issues: string[] = [];
  const opts = { enums: options.enums ?? true, lengths: options.lengths ?? false };
  visit(model, shapeName, value, '$', opts, issues);
  return issues;
}

/** MaxResults bounds of a paginated operation, from its input shape. */
export function maxResultsRange(operationName: string): { min: number; max: number } | undefined {
  const model = ssmModel();
  const input = operation(model, operationName).input;
  const ref = input ? model.shapes[input.shape]?.members?.MaxResults : undefined;
  const shape = ref ? model.shapes[ref.shape] : undefined;
  if (!shape) return undefined;
  return { min: shape.min ?? 1, max: shape.max ?? 50 };
}

/** How an error shape spells its message member (`Message`, `message`, or none). */
export function errorMessageMember(code: string): 'Message' | 'message' | undefined {
  const members = ssmModel().shapes[code]?.members;
  if (!members) return 'message'; // unmodeled common errors (ThrottlingException on most operations)
  if ('Message' in members) return 'Message';
  if ('message' in members) return 'message';
  return undefined;
}

/** Whether the model marks the error as a server fault (HTTP 500). */
export function isFault(code: string): boolean {
  return ssmModel().shapes[code]?.fault === true;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function visit(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  at: string,
  opts: Required<ValidateOptions>,
  issues: string[],
): void {
  const shape = model.shapes[shapeName];
  if (!shape) {
    issues.push(`${at}: unknown shape ${shapeName}`);
    return;
  }
  if (value === null) {
    issues.push(`${at}: null is never sent by AWS (${shapeName})`);
    return;
  }
  const bounds = (n: number, what: string) => {
    if (!opts.lengths) return;
    if (shape.min !== undefined && n < shape.min) issues.push(`${at}: ${what} ${n} < min ${shape.min} (${shapeName})`);
    if (shape.max !== undefined && n > shape.max) issues.push(`${at}: ${what} ${n} > max ${shape.max} (${shapeName})`);
  };
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) {
        issues.push(`${at}: expected structure ${shapeName}, got ${describe(value)}`);
        return;
      }
      const members = shape.members ?? {};
      for (const required of shape.required ?? []) {
        if (value[required] === undefined) issues.push(`${at}.${required}: required member missing (${shapeName})`);
      }
      const present = Object.keys(value).filter((k) => value[k] !== undefined);
      if (shape.union && present.length !== 1) issues.push(`${at}: union ${shapeName} must set exactly one member`);
      for (const key of present) {
        const ref = members[key];
        if (!ref) {
          issues.push(`${at}.${key}: unknown member of ${shapeName}`);
          continue;
        }
        visit(model, ref.shape, value[key], `${at}.${key}`, opts, issues);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        issues.push(`${at}: expected list ${shapeName}, got ${describe(value)}`);
        return;
      }
      bounds(value.length, 'length');
      const member = shape.member?.shape ?? '';
      value.forEach((item, i) => {
        visit(model, member, item, `${at}[${i}]`, opts, issues);
      });
      return;
    }
    case 'map': {
      if (!isPlainObject(value)) {
        issues.push(`${at}: expected map ${shapeName}, got ${describe(value)}`);
        return;
      }
      bounds(Object.keys(value).length, 'size');
      for (const [k, v] of Object.entries(value)) {
        if (shape.key) visit(model, shape.key.shape, k, `${at}{key ${JSON.stringify(k)}}`, opts, issues);
        if (shape.value) visit(model, shape.value.shape, v, `${at}[${JSON.stringify(k)}]`, opts, issues);
      }
      return;
    }
    case 'string':
    case 'blob': {
      if (typeof value !== 'string') {
        issues.push(`${at}: expected string (${shapeName}), got ${describe(value)}`);
        return;
      }
      // AWS sends "" for an unset enum (list-command-invocations' NotificationType in the CLI examples).
      if (opts.enums && shape.enum && value !== '' && !shape.enum.includes(value)) {
        issues.push(`${at}: ${JSON.stringify(value)} is not one of ${shapeName} [${shape.enum.join(', ')}]`);
      }
      bounds(value.length, 'length');
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') issues.push(`${at}: expected boolean (${shapeName}), got ${describe(value)}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push(`${at}: expected integer (${shapeName}), got ${describe(value)}`);
        return;
      }
      bounds(value, 'value');
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push(`${at}: expected number (${shapeName}), got ${describe(value)}`);
      }
      return;
    case 'timestamp':
      // awsJson1_1 sends epoch seconds with a fraction; an ISO string here would be a fake bug.
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        issues.push(`${at}: expected epoch seconds (${shapeName}), got ${describe(value)} ${JSON.stringify(value)}`);
      } else if (value > 1e11) {
        issues.push(`${at}: ${value} looks like epoch milliseconds, not seconds (${shapeName})`);
      }
      return;
    default:
      issues.push(`${at}: unsupported shape type ${String(shape.type)} (${shapeName})`);
  }
}
