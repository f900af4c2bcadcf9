// drizzle-kit: generates the central server's PostgreSQL migrations from server/db/schema.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './migrations/central',
});
