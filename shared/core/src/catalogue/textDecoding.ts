import { CatalogueImportError } from './melody';

/** UTF-8 (with or without BOM), falling back to Windows-1252, which older karaoke files use. */
export function decodeText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  if (content.includes(0)) throw new CatalogueImportError('binary data, not a text file');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}
