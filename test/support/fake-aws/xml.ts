// Just enough XML writing for the query protocols (STS, EC2) and S3 errors.

export const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** `<tag>…</tag>`; children are already XML, a string value is escaped; undefined → nothing. */
export function el(tag: string, content: string | number | boolean | XmlChildren | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'object') return `<${tag}>${content.xml.join('')}</${tag}>`;
  return `<${tag}>${escapeXml(String(content))}</${tag}>`;
}

export interface XmlChildren {
  xml: string[];
}

export const children = (...xml: string[]): XmlChildren => ({ xml });

export const xmlDocument = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
