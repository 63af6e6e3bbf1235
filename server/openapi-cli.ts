import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from './openapi';

/** `npm run openapi`: regenerates docs/openapi.json from the shared route table. */
const file = resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(file, JSON.stringify(buildOpenApi('1'), null, 2) + '\n');
console.log(`wrote ${file}`);
