// Every scan reaches the log exactly as the device sent it, before anything acts on it;
// the receipt (with what the parser read) goes back only after the commit, so an
// acknowledged scan is never lost. Workflows refer to the scan by its sequence number.
import type { z } from 'zod';
import { parseScan } from '../../../shared/barcode/parse';
import type { ScanView, StationContract } from '../../../shared/contract/station';
import type { CommandHandler } from '../runtime/bus';

export const submit: CommandHandler<z.output<StationContract['scan.submit']['input']>, ScanView> = {
  kind: 'command',
  run(ctx, input) {
    const receivedAt = new Date(input.receivedAt).toISOString();
    const e = ctx.emit('scan.received', { text: input.text, source: input.source, receivedAt });
    return { seq: e.seq, eventId: e.id, text: input.text, source: input.source, receivedAt, parsed: parseScan(input.text, { referenceYear: ctx.now.getUTCFullYear() }) };
  },
};
