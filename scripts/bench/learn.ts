/**
 * Learning benchmark: training time of the federated bidders per 1 000
 * episodes for 20 and 250 households (issue 19 item 9). The work is in
 * learn-run.cts (CommonJS, see there why); `npm run bench -- learn`.
 */
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./learn-run.cts');
