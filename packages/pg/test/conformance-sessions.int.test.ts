import { describeBackendSessions, describeKilledSessions } from '@pool/testkit';
import { pgTarget } from './pg-target.js';

describeBackendSessions(pgTarget);
describeKilledSessions(pgTarget);
