// The report time zone as it enters the system (station settings, events, API queries):
// an IANA name Intl knows, refused with a message naming it otherwise.
import { z } from 'zod';
import { isTimeZone } from '../clock/zone';

export const TimeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { error: (iss) => `"${String(iss.input)}" is not a known IANA time zone (e.g. America/Monterrey, Europe/Berlin, UTC)` });
