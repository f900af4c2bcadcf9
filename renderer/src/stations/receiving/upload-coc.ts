// Sends a certificate file to the station in chunks that fit one API message; the station
// checks its type and size and answers where it keeps it.
import type { StationClient } from '../../../../shared/contract/client';
import { StationError } from '../../../../shared/contract/errors';
import { COC_CHUNK_BASE64, COC_MAX_BYTES } from '../../../../shared/documents/coc-file';

const CHUNK_BYTES = (COC_CHUNK_BASE64 / 4) * 3;

function base64Of(bytes: Uint8Array): string {
  let bin = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are bounded.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export interface StoredCoc {
  readonly kind: 'file' | 'photo';
  readonly path: string;
  readonly bytes: number;
}

export async function uploadCoc(client: StationClient, file: File, onProgress: (sent: number) => void): Promise<StoredCoc> {
  // Refused here too, before megabytes travel only to be refused by the station.
  if (file.size > COC_MAX_BYTES) throw new StationError('invalid_input', 'certificate too large', { problem: 'coc_too_large', maxMb: COC_MAX_BYTES / 1024 / 1024 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const uploadId = crypto.randomUUID();
  for (let index = 0, at = 0; ; index++, at += CHUNK_BYTES) {
    const last = at + CHUNK_BYTES >= bytes.length;
    // The station keeps a plain form of the name; a long one is cut here rather than refused there.
    const step = await client.call('receiving.attach_coc', { uploadId, index, data: base64Of(bytes.subarray(at, at + CHUNK_BYTES)), last, name: (file.name || 'coc').slice(-200) });
    onProgress(Math.min(bytes.length, at + CHUNK_BYTES));
    if (step.done) return step.coc;
    if (last) throw new Error('the station did not store the certificate');
  }
}
