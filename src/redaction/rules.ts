// The app's own secret detectors: what a generic scanner misses in command output (private keys cut in
// half, passwords in key=value / JSON / YAML / URL / CLI-flag forms, bearer tokens, bare high-entropy
// keys). Pure and linear-time by construction: every quantifier is bounded, and nothing nests.

/** A range of the text to mask, and what it was. */
export interface SecretSpan {
  start: number;
  end: number;
  kind: string;
}

const PRIVATE_KEY_BEGIN = /-----BEGIN[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----/g;
const PRIVATE_KEY_END = /-----END[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----/g;
/** What a PEM body is made of, also when JSON-escaped (`\n` → backslash + n). */
const PEM_BODY_CHAR = /[A-Za-z0-9+/=\r\n\\]/;

/** `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`: RFC 1421 headers between BEGIN and the body. */
const PEM_HEADER_LINE = /^[A-Za-z][A-Za-z-]{0,40}: [^\n]{0,200}$/;
const PEM_BASE64_LINE = /^[A-Za-z0-9+/=]{1,76}$/;

/**
 * Where the body of a key whose END line is missing ends: its headers and base64 lines, up to the first line
 * that is neither, or through the first short base64 line (a PEM body's lines all have one width but the last).
 * What follows — the script's own error line — stays visible. A body that does not start on a new line (a
 * JSON-escaped key, `\n` as two characters) ends at the first character a PEM body cannot hold.
 */
function truncatedBodyEnd(text: string, bodyStart: number): number {
  if (text[bodyStart] !== '\n' && text[bodyStart] !== '\r') {
    let end = bodyStart;
    while (end < text.length && PEM_BODY_CHAR.test(text[end] ?? '')) end += 1;
    return end;
  }
  let offset = text.indexOf('\n', bodyStart) + 1;
  let end = bodyStart;
  let width = 0;
  while (offset > 0 && offset < text.length) {
    const next = text.indexOf('\n', offset);
    const lineEnd = next === -1 ? text.length : next;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    if (width === 0 && (PEM_HEADER_LINE.test(line) || line === '')) {
      end = lineEnd;
    } else if (PEM_BASE64_LINE.test(line)) {
      end = lineEnd;
      if (width === 0) width = line.length;
      else if (line.length < width) break;
    } else {
      break;
    }
    if (next === -1) break;
    offset = next + 1;
  }
  return end;
}

/**
 * Private key blocks: the body after a BEGIN line up to its END line, or — when the END line is missing (output
 * cut by SSM's 24,000 characters, `head`, a truncated file) — the body's own lines and no further; and a second
 * half with no BEGIN — the base64 lines before a lone END line. The BEGIN/END lines themselves stay visible:
 * they say what was there.
 */
export function privateKeySpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  let coveredUntil = 0;
  let noEndFrom = Number.POSITIVE_INFINITY;
  for (const begin of text.matchAll(PRIVATE_KEY_BEGIN)) {
    const bodyStart = begin.index + begin[0].length;
    if (begin.index < coveredUntil) continue;
    // One failed search for an END covers every later BEGIN too (linear on a text of repeated BEGIN lines).
    PRIVATE_KEY_END.lastIndex = bodyStart;
    const end = bodyStart >= noEndFrom ? null : PRIVATE_KEY_END.exec(text);
    if (!end) noEndFrom = Math.min(noEndFrom, bodyStart);
    const bodyEnd = end ? end.index : truncatedBodyEnd(text, bodyStart);
    spans.push({ start: bodyStart, end: bodyEnd, kind: 'private-key' });
    coveredUntil = end ? end.index + end[0].length : bodyEnd;
  }
  PRIVATE_KEY_END.lastIndex = 0;
  for (const end of text.matchAll(PRIVATE_KEY_END)) {
    if (spans.some((s) => end.index >= s.start && end.index <= s.end)) continue;
    let start = end.index;
    while (start > 0 && PEM_BODY_CHAR.test(text[start - 1] ?? '')) start -= 1;
    if (start < end.index) spans.push({ start, end: end.index, kind: 'private-key' });
  }
  return spans;
}

const BASE64_LINE = /^[A-Za-z0-9+/=]{1,76}$/;
const ARMOR_LINE_LENGTHS = new Set([64, 70, 76]);
const PUBLIC_BEGIN =
  /-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|PGP PUBLIC KEY BLOCK)-----\s*$/;

/**
 * The middle of a key block whose BEGIN and END lines are both out of sight (an output cut twice, or a key
 * split between two plugins): a run of base64-only lines, at least two of them of full armor width (64, 70 or
 * 76 characters). The body of a certificate or public key, after its BEGIN line, is left alone.
 */
export function armoredBodySpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  let runStart = -1;
  let full = 0;
  let offset = 0;
  const close = (end: number) => {
    if (runStart !== -1 && full >= 2 && !PUBLIC_BEGIN.test(text.slice(Math.max(0, runStart - 80), runStart))) {
      spans.push({ start: runStart, end, kind: 'private-key' });
    }
    runStart = -1;
    full = 0;
  };
  for (const line of text.split('\n')) {
    const body = line.replace(/\r$/, '');
    if (BASE64_LINE.test(body)) {
      if (runStart === -1) runStart = offset;
      if (ARMOR_LINE_LENGTHS.has(body.length)) full += 1;
    } else {
      close(Math.max(runStart, offset - 1));
    }
    offset += line.length + 1;
  }
  close(text.length);
  return spans;
}

interface PatternRule {
  kind: string;
  pattern: RegExp;
  /** The capture group to mask; 0 = the whole match. */
  group?: number;
}

/** Token formats with a recognisable shape. */
const PATTERN_RULES: PatternRule[] = [
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/dg },
  { kind: 'slack-token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{8,255}/dg },
  { kind: 'slack-token', pattern: /\bxapp-\d-[A-Za-z0-9-]{8,255}/dg },
  {
    kind: 'slack-webhook',
    pattern: /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9/_-]{8,255})/dg,
    group: 1,
  },
  { kind: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,255}/dg },
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,255}/dg },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,255}/dg },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/dg },
  // `Authorization: Bearer …`, `Authorization: token …`, `Authorization: Basic …`.
  {
    kind: 'authorization',
    pattern:
      /\bauthorization["']?[ \t]{0,5}[:=][ \t]{0,5}["']?(?:bearer|token|basic|digest)?[ \t]{0,5}([^\s"',;]{6,4000})/dgi,
    group: 1,
  },
  { kind: 'bearer-token', pattern: /\bbearer[ \t]{1,5}([A-Za-z0-9\-._~+/]{8,4000}=*)/dgi, group: 1 },
  // scheme://user:password@host
  {
    kind: 'url-password',
    pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@?#"'<>]{0,128}:([^\s/"'<>]{1,256})@/dg,
    group: 1,
  },
  // mysql -uroot -pS3cret
  {
    kind: 'password',
    pattern: /\b(?:mysql|mysqldump|mysqladmin)\b[^\n]{0,200}?[ \t]-p(\S{1,256})/dg,
    group: 1,
  },
  // curl -u user:password, --user user:password
  { kind: 'password', pattern: /(?:[ \t]-u|--user)[ \t]{1,5}[^\s:]{1,64}:([^\s"']{1,256})/dg, group: 1 },
  // <password>…</password>
  {
    kind: 'password',
    pattern: /<((?:[A-Za-z]{0,20}[-_]?)?(?:password|passwd|secret|token|apikey|api[-_]key))>([^<\n]{1,512})<\/\1>/dgi,
    group: 2,
  },
];

/** Key names whose value is a secret (matched inside longer names: DB_PASSWORD, aws_secret_access_key, apiToken). */
const SECRET_KEY_WORD =
  /pass(?:word|wd|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth[-_]?key|signature|x-amz-credential/gi;
const KEY_CHAR = /[A-Za-z0-9_.-]/;
/** Names that contain a key word but hold no secret. */
const NOT_A_SECRET_KEY =
  /^(?:pwd|oldpwd)$|(?:^|[-_.])(?:len|length|count|size|type|file|path|dir|url|uri|endpoint|expiry|expires?|expiration|ttl|age|min|max|policy|name|id|version|enabled|required|rotation|prompt|hint|format|header|store|manager|arn|status|reset|changed?|auth|command)$/i;
/** True for a parameter or field name whose value is a secret (`DbPassword`, `api_key`, `AuthToken`). */
export function isSecretName(name: string): boolean {
  SECRET_KEY_WORD.lastIndex = 0;
  const found = SECRET_KEY_WORD.test(name);
  SECRET_KEY_WORD.lastIndex = 0;
  return found && !NOT_A_SECRET_KEY.test(name);
}

/** A reference to a stored secret (`{{ssm:/prod/db}}`, `{{resolve:secretsmanager:…}}`), not the secret itself. */
export const isSecretReference = (value: string) => /^\{\{[^{}]{1,512}\}\}$/.test(value.trim());

/** Separator after a key: `=`, `:`, `:=`, `=>`, with optional quotes and spaces. */
const SEPARATOR = /["']?[ \t]{0,5}(?::=|=>|[:=])[ \t]{0,5}/y;
/** `--password value`, `-password value`, `--password=value`. */
const FLAG_SEPARATOR = /[ \t]{1,5}(?=\S)/y;
const PLACEHOLDER =
  /^(?:\*+|x+|\.+|-+|#+|null|nil|none|\(none\)|true|false|undefined|redacted|hidden|masked|required|optional|yes|no|on|off|n\/a|not set|unset|<[^>]*>|\$\{[^}]*\}|\$\(?[A-Z_][A-Z0-9_]*\)?|%[A-Z_][A-Z0-9_]*%|\{\{[^}]*\}\}|\[REDACTED[^\]]*\]|\d{1,6})$/i;

/** The value that starts at `from`: quoted (up to the closing quote on the same line), or up to a delimiter. */
function valueAt(text: string, from: number): { start: number; end: number } | undefined {
  const first = text[from];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, from + 1);
    const newline = text.indexOf('\n', from + 1);
    const limit = Math.min(from + 1 + 1024, newline === -1 ? text.length : newline);
    const end = close === -1 || close > limit ? limit : close;
    return end > from + 1 ? { start: from + 1, end } : undefined;
  }
  let end = from;
  const max = Math.min(text.length, from + 1024);
  while (end < max && !/[\s"',;&)}\]<>]/.test(text[end] ?? '')) end += 1;
  return end > from ? { start: from, end } : undefined;
}

/** `passwd: all authentication tokens updated successfully.` — a message after a colon, not a value. */
function isProse(text: string, value: { start: number; end: number }): boolean {
  if (!/^[a-z]{1,10}$/.test(text.slice(value.start, value.end))) return false;
  return /^[ \t]+[A-Za-z]/.test(text.slice(value.end, value.end + 8));
}

/** `password=…`, `"token": "…"`, `secret: …`, `--password …`, `?X-Amz-Signature=…`. */
export function keyValueSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  SECRET_KEY_WORD.lastIndex = 0;
  let lastEnd = 0;
  for (let m = SECRET_KEY_WORD.exec(text); m !== null; m = SECRET_KEY_WORD.exec(text)) {
    if (m.index < lastEnd) continue;
    // `pass` alone is a key word (ADMIN_PASS, db.pass), not the start of `passed`, `passenger`, or inside `bypass`.
    if (m[0].length === 4 && (/[a-z]/.test(text[m.index + 4] ?? '') || /[a-z]/.test(text[m.index - 1] ?? ''))) continue;
    let keyStart = m.index;
    let keyEnd = m.index + m[0].length;
    for (let n = 0; n < 40 && keyStart > 0 && KEY_CHAR.test(text[keyStart - 1] ?? ''); n += 1) keyStart -= 1;
    for (let n = 0; n < 40 && keyEnd < text.length && KEY_CHAR.test(text[keyEnd] ?? ''); n += 1) keyEnd += 1;
    const key = text.slice(keyStart, keyEnd).replace(/^[-.]+/, '');
    // A key word inside the same name (`secret_token`) would find the same key: go on after it.
    SECRET_KEY_WORD.lastIndex = Math.max(SECRET_KEY_WORD.lastIndex, keyEnd);
    if (NOT_A_SECRET_KEY.test(key)) continue;
    let valueStart: number | undefined;
    let colon = false;
    SEPARATOR.lastIndex = keyEnd;
    const separator = SEPARATOR.exec(text);
    if (separator) {
      valueStart = keyEnd + separator[0].length;
      colon = !separator[0].includes('=');
    } else if (text[keyStart] === '-') {
      FLAG_SEPARATOR.lastIndex = keyEnd;
      const flag = FLAG_SEPARATOR.exec(text);
      if (flag) valueStart = keyEnd + flag[0].length;
    }
    if (valueStart === undefined) continue;
    // `arn:aws:secretsmanager:…:secret:name`: a segment of an ARN or path, not a key.
    if (text[keyStart - 1] === ':' && separator?.[0] === ':') continue;
    const value = valueAt(text, valueStart);
    if (!value || (colon && isProse(text, value))) continue;
    const raw = text.slice(value.start, value.end).trim();
    if (PLACEHOLDER.test(raw) || raw.startsWith('{') || raw.startsWith('[')) continue;
    spans.push({ ...value, kind: 'secret-value' });
    lastEnd = value.end;
    SECRET_KEY_WORD.lastIndex = Math.max(SECRET_KEY_WORD.lastIndex, value.end);
  }
  return spans;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** `SHA256:…` before a token: an SSH or TLS key fingerprint, public by design. */
const FINGERPRINT = /(?:SHA256|SHA1|SHA384|SHA512|MD5):$/i;
/** The name part of an IAM ARN (`role/Ec2InstanceRoleForSSMProd2024`). */
const IAM_NAME = /^(?:role|user|group|policy|instance-profile|assumed-role|service-role)\//;
const TOKEN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const HEX_OR_UUID = /^[0-9a-fA-F-]+$/;
const VOWEL = /[aeiouAEIOU]/g;

/** Share of characters in lower-case runs of 4 or more: the words of camel-case names (`AmazonCloudWatchAgent`). */
const wordiness = (text: string) =>
  (text.match(/[a-z]{4,}/g) ?? []).reduce((sum, w) => sum + w.length, 0) / text.length;

const classOf = (c: string) => (c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 3 : 4);

/**
 * A bare random-looking piece of text (an AWS secret key, a session token, an API key where no rule knows
 * the context): upper case, lower case and digits, high entropy, and random rather than made of words —
 * frequent switches between letter case and digits, few vowels, no long lower-case words. Hex strings and
 * UUIDs (digests, commit and request ids) are not secrets here. Tuned on random base64/alphanumeric strings
 * against AWS, package and host names (test/unit/redaction.test.ts).
 */
export function looksRandom(piece: string): boolean {
  const core = piece.replace(/=+$/, '');
  if (core.length < 20 || HEX_OR_UUID.test(core)) return false;
  if (!(/[A-Z]/.test(core) && /[a-z]/.test(core) && /[0-9]/.test(core))) return false;
  // A path is made of words (`/opt/Acme/Releases2024/Build`); a key's slashes fall between random characters.
  if (core.split('/').length > 3 && wordiness(core.replaceAll('/', '')) >= 0.4) return false;
  if (shannonEntropy(core) < 0.78 * Math.log2(Math.min(core.length, 64))) return false;
  if (wordiness(core) >= 0.5) return false;
  const letters = core.replace(/[^A-Za-z]/g, '');
  const vowelRatio = (letters.match(VOWEL)?.length ?? 0) / letters.length;
  let switches = 0;
  for (let i = 1; i < core.length; i += 1) if (classOf(core[i] ?? '') !== classOf(core[i - 1] ?? '')) switches += 1;
  const switchRatio = switches / (core.length - 1);
  return switchRatio >= 0.38 || (vowelRatio <= 0.22 && switchRatio >= 0.3);
}

/** Tokens with a random-looking piece; `-`/`_` separate the words of names (`MyApp-Prod-ASG-1A2B3C4D`). */
export function highEntropySpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (FINGERPRINT.test(text.slice(Math.max(0, m.index - 8), m.index)) || IAM_NAME.test(m[0])) continue;
    if (m[0].split(/[-_]/).some(looksRandom))
      spans.push({ start: m.index, end: m.index + m[0].length, kind: 'high-entropy' });
  }
  return spans;
}

/** Runs of JWT characters; scanned as whole runs so a near-miss never makes the engine backtrack. */
const DOTTED_RUN = /[A-Za-z0-9_.-]{30,}/g;

/** JSON Web Tokens: `eyJ…` header, `eyJ…` payload, signature. */
export function jwtSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const run of text.matchAll(DOTTED_RUN)) {
    const parts = run[0].split('.');
    let offset = run.index;
    for (let i = 0; i + 2 < parts.length; i += 1) {
      const [header, payload, signature] = [parts[i] ?? '', parts[i + 1] ?? '', parts[i + 2] ?? ''];
      const start = offset + header.indexOf('eyJ');
      if (/eyJ[A-Za-z0-9_-]{8}/.test(header) && /^eyJ[A-Za-z0-9_-]{8}/.test(payload) && signature.length >= 8) {
        spans.push({
          start,
          end: start + (header.length - header.indexOf('eyJ')) + payload.length + signature.length + 2,
          kind: 'jwt',
        });
      }
      offset += header.length + 1;
    }
  }
  return spans;
}

export function patternSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const rule of PATTERN_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const range = m.indices?.[rule.group ?? 0];
      if (range && range[1] > range[0]) spans.push({ start: range[0], end: range[1], kind: rule.kind });
    }
  }
  return spans;
}

/** Every span the app's own rules find. */
export function ownRuleSpans(text: string): SecretSpan[] {
  return [
    ...privateKeySpans(text),
    ...armoredBodySpans(text),
    ...patternSpans(text),
    ...jwtSpans(text),
    ...keyValueSpans(text),
    ...highEntropySpans(text),
  ];
}
