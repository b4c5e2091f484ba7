/** A ZIP of statement PDFs, one file per statement, named so they sort by property and period. */
import JSZip from 'jszip';
import type { StoredStatement } from '../db/repositories/statement-repository.js';

export function pdfFileName(s: Pick<StoredStatement, 'propertyName' | 'propertyId' | 'period'>): string {
  const name = (s.propertyName ?? s.propertyId).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');
  return `statement-${name || s.propertyId}-${s.period.start}-${s.period.end}.pdf`;
}

export async function zipPdfs(files: ReadonlyArray<{ name: string; pdf: Buffer }>): Promise<Buffer> {
  const zip = new JSZip();
  const used = new Set<string>();
  for (const f of files) {
    let name = f.name;
    for (let i = 2; used.has(name); i++) name = f.name.replace(/\.pdf$/, `-${i}.pdf`);
    used.add(name);
    zip.file(name, f.pdf);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
