import { describeConnectFailures, describeServerRestart } from '@pool/testkit';
import { mysqlTarget } from './mysql-target.js';

describeConnectFailures(mysqlTarget);
describeServerRestart(mysqlTarget);
