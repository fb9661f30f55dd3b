import { describeBackendSessions, describeKilledSessions } from '@pool/testkit';
import { mysqlTarget } from './mysql-target.js';

describeBackendSessions(mysqlTarget);
describeKilledSessions(mysqlTarget);
