// Where the server's own files are (its migrations), from a checkout or from the built bundle.
import { join } from 'node:path';
import { appRoot } from '../electron/node/app-root';

export { appRoot };

export const centralMigrationsDir = () => join(appRoot(), 'migrations', 'central');
