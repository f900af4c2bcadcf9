// drizzle-kit: generates the station's SQLite migrations from electron/station/store/schema.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/station/store/schema.ts',
  out: './migrations/station',
});
